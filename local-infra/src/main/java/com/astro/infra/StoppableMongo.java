package com.astro.infra;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;

import com.mongodb.ConnectionString;

/**
 * The Mongo of a test that stops it and starts it again ({@link #SERVER}, one per test JVM). A test's nested
 * {@code @TestConfiguration} extending this class connects its context there: Boot prefers connection details to
 * the shared server's properties. A request waits 5 s for an unreachable server before it fails (the driver's
 * default is 30 s).
 */
public class StoppableMongo {

    public static final EmbeddedMongo SERVER = EmbeddedMongo.startStoppable(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close, "stoppable-mongo-stop"));
    }

    @Bean
    public MongoConnectionDetails stoppableMongo() {
        return () -> new ConnectionString(SERVER.connectionString() + "/?serverSelectionTimeoutMS=5000");
    }
}
