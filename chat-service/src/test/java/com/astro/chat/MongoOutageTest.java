package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.chat.session.Sessions;
import com.astro.common.event.EventJson;
import com.astro.infra.EmbeddedMongo;

import tools.jackson.databind.JsonNode;

/**
 * An instance's Mongo stopped for 20 s and started again (every connection cut, new ones refused): a send meanwhile
 * is refused with an error ack and stores nothing, the history API answers 503 problem details, readiness is DOWN;
 * after the restart the same send is stored once and everything works without restarting the instance. Session
 * notifications do not wait for the instance's own write of the read model, so they reach its sockets meanwhile.
 */
class MongoOutageTest extends ChatTestSupport {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final EmbeddedMongo MONGO = EmbeddedMongo.startStoppable(0);

    private static ChatCluster.Instance instance;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startInstance() {
        // a request waits for an unreachable server this long before it fails (the driver's default is 30 s)
        instance = ChatCluster.start("mongo-outage", ChatCluster.shared().presence().url(),
                "--spring.mongodb.uri=" + MONGO.connectionString() + "/?serverSelectionTimeoutMS=5000");
    }

    @AfterAll
    static void stopInstance() {
        instance.close();
        MONGO.close();
    }

    @Test
    void aSendWhileMongoIsDownIsRefusedAndStoredOnceWhenResentAfterTheRestart() throws Exception {
        Parties p = newParties();
        // the instance's own database gets the session straight, as its listener would: not through Kafka, where
        // its read-model group is the cluster's and a record may go to either
        Sessions.apply(instance, requestedEvent(p));
        Sessions.apply(instance, acceptedEvent(p));
        clients.connect("user", instance.url(), p.userToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        assertThat(send(p, "before").path("ok").asBoolean()).isTrue();
        assertThat(readiness()).isEqualTo(200);

        MONGO.stop();
        try {
            JsonNode refused = send(p, "during");
            System.out.println("mongo outage: a send answered " + refused);
            assertThat(refused.path("ok").asBoolean()).isFalse();
            HttpResponse<String> history = history(p);
            assertThat(history.statusCode()).isEqualTo(503);
            assertThat(history.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(readiness()).isEqualTo(503);
            Thread.sleep(OUTAGE.toMillis());
        }
        finally {
            MONGO.restart();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
        assertThat(send(p, "during").path("ok").asBoolean()).isTrue();
        HttpResponse<String> history = history(p);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(history.body()).path("messages")).extracting(m -> m.path("text")
                .asString()).containsExactly("before", "during");
    }

    @Test
    void aRequestAndItsAcceptanceAreToldWhileMongoIsDown() {
        Parties p = newParties();
        clients.connect("astro", instance.url(), p.astrologerToken());
        clients.connect("user", instance.url(), p.userToken());

        MONGO.stop();
        try {
            cluster.events().publish(requestedEvent(p)).block(WAIT);
            assertThat(clients.awaitReceived("astro", "session:request", 1).get(0).path("sessionId").asString())
                    .isEqualTo(p.sessionId());
            cluster.events().publish(acceptedEvent(p)).block(WAIT);
            assertThat(clients.awaitReceived("user", "session:accepted", 1).get(0).path("sessionId").asString())
                    .isEqualTo(p.sessionId());
            assertThat(clients.awaitReceived("astro", "session:accepted", 1)).hasSize(1);
        }
        finally {
            MONGO.restart();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
    }

    private JsonNode send(Parties p, String clientMessageId) {
        return clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", clientMessageId, "clientMessageId", clientMessageId));
    }

    private HttpResponse<String> history(Parties p) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(instance.url() + "/api/chat/sessions/" + p.sessionId()
                + "/messages")).header("Authorization", "Bearer " + p.userToken()).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private int readiness() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
