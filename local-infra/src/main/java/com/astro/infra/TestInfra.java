package com.astro.infra;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One embedded Kafka broker, one embedded Mongo server and one dev issuer per test JVM, started on
 * first use on free ports and stopped when the JVM exits. Spring tests point a service at them with
 * {@code @DynamicPropertySource static void infra(DynamicPropertyRegistry r) { TestInfra.shared().register(r, "presence"); }}.
 */
public final class TestInfra {

    /** The {@code azp} the test issuer puts in every token; services in tests allow it. */
    public static final String TEST_ORIGIN = "http://localhost:3000";

    private static volatile TestInfra shared;

    private final EmbeddedKafka kafka;

    private final EmbeddedMongo mongo;

    private final DevIssuer issuer;

    private TestInfra(EmbeddedKafka kafka, EmbeddedMongo mongo, DevIssuer issuer) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.issuer = issuer;
    }

    public static TestInfra shared() {
        if (shared == null) {
            synchronized (TestInfra.class) {
                if (shared == null) {
                    TestInfra infra = new TestInfra(EmbeddedKafka.start(0, 2), EmbeddedMongo.start(0),
                            DevIssuer.start(0, TEST_ORIGIN));
                    Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "test-infra-stop"));
                    shared = infra;
                }
            }
        }
        return shared;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedMongo mongo() {
        return mongo;
    }

    public DevIssuer issuer() {
        return issuer;
    }

    /**
     * Registers the connection settings of a service whose Mongo database is {@code database}.
     * Pass a unique database name per test class where tests must not see each other's data.
     */
    public void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.mongodb.uri", mongo::connectionString);
        registry.add("spring.mongodb.database", () -> database);
        registry.add("astro.security.jwks-url", issuer::jwksUrl);
        registry.add("astro.security.issuer", issuer::issuer);
        registry.add("astro.security.authorized-parties", () -> TEST_ORIGIN);
    }

    private void stop() {
        issuer.close();
        mongo.close();
        kafka.close();
    }
}
