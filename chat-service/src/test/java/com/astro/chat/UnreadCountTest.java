package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.astro.chat.message.MessageService;
import com.astro.common.event.EventJson;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/chat/sessions/{id}/unread}: the caller's count of the other participant's messages after the
 * caller's read position, the same on every instance and after reconnects; participants only. {@code GET
 * /api/chat/unread?sessionIds=}: the same for the sessions of a list.
 */
class UnreadCountTest extends ChatTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(ChatCluster.Instance instance, String sessionId, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(instance.url() + "/api/chat/sessions/" + sessionId
                + "/unread")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode unread(ChatCluster.Instance instance, String sessionId, String token) throws Exception {
        HttpResponse<String> response = get(instance, sessionId, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    /** The user (on A) sent three messages, the astrologer (on B) one after them. */
    private Parties conversation() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        for (int i = 1; i <= 3; i++) {
            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "u" + i));
        }
        clients.call("astro", "message:send", json("sessionId", p.sessionId(), "text", "a4"));
        return p;
    }

    @Test
    void theCountIsTheOtherParticipantsMessagesAfterTheCallersReadPosition() throws Exception {
        Parties p = conversation();

        JsonNode astrologers = unread(cluster.a(), p.sessionId(), p.astrologerToken());
        JsonNode users = unread(cluster.a(), p.sessionId(), p.userToken());

        assertThat(astrologers.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(astrologers.path("unread").asLong()).isEqualTo(3);
        assertThat(astrologers.path("readSeq").asLong()).isZero();
        assertThat(astrologers.path("lastSeq").asLong()).isEqualTo(4);
        assertThat(users.path("unread").asLong()).isEqualTo(1);
    }

    @Test
    void aReadMarkLowersTheCountOnEveryInstance() throws Exception {
        Parties p = conversation();

        clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 2));

        assertThat(unread(cluster.a(), p.sessionId(), p.astrologerToken()).path("unread").asLong()).isEqualTo(1);
        assertThat(unread(cluster.b(), p.sessionId(), p.astrologerToken()).path("unread").asLong()).isEqualTo(1);
        assertThat(unread(cluster.b(), p.sessionId(), p.astrologerToken()).path("readSeq").asLong()).isEqualTo(2);
    }

    @Test
    void theCountSurvivesAReconnectToTheOtherInstance() throws Exception {
        Parties p = conversation();
        clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 4));
        clients.disconnect("astro");
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "u5"));

        clients.connect("astro-again", cluster.a().url(), p.astrologerToken());
        JsonNode join = clients.call("astro-again", "join-session", json("sessionId", p.sessionId(), "afterSeq", 4));

        assertThat(join.path("replayed").asInt()).isEqualTo(1);
        JsonNode count = unread(cluster.a(), p.sessionId(), p.astrologerToken());
        assertThat(count.path("unread").asLong()).isEqualTo(1);
        assertThat(count.path("readSeq").asLong()).isEqualTo(4);
        assertThat(count.path("lastSeq").asLong()).isEqualTo(5);
    }

    @Test
    void someoneOutsideTheSessionGetsNotFoundProblemDetails() throws Exception {
        Parties p = conversation();

        HttpResponse<String> response = get(cluster.b(), p.sessionId(), token(newId("user"), "user"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.has("unread")).isFalse();
    }

    @Test
    void anAdminHasNoUnreadCountInSomeoneElsesSession() throws Exception {
        Parties p = conversation();

        assertThat(get(cluster.a(), p.sessionId(), token(newId("admin"), "admin")).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownSessionIsNotFound() throws Exception {
        assertThat(get(cluster.a(), newId("s"), token(newId("user"), "user")).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> getList(String query, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.b().url() + "/api/chat/unread" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void astrologerSends(Parties p, int count) {
        MessageService messages = cluster.a().bean(MessageService.class);
        CurrentUser astrologer = new CurrentUser(p.astrologerId(), Role.ASTROLOGER, null);
        for (int i = 1; i <= count; i++) {
            messages.send(astrologer, new MessageService.Send(p.sessionId(), "a" + i, null)).block(WAIT);
        }
    }

    @Test
    void aSessionListsCountsComeInTheOrderAskedWithoutOtherPeoplesSessions() throws Exception {
        Parties first = activeSession();
        Parties second = new Parties(newId("s"), first.userId(), newId("astro"));
        requested(second);
        accepted(second);
        Parties foreign = activeSession();
        astrologerSends(first, 2);
        astrologerSends(second, 3);
        astrologerSends(foreign, 1);

        HttpResponse<String> response = getList("?sessionIds=" + second.sessionId() + "," + foreign.sessionId() + ","
                + first.sessionId() + "," + newId("s"), first.userToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sessions = EventJson.mapper().readTree(response.body()).path("sessions");
        assertThat(sessions.findValuesAsString("sessionId")).containsExactly(second.sessionId(), first.sessionId());
        assertThat(sessions.path(0).path("unread").asLong()).isEqualTo(3);
        assertThat(sessions.path(1).path("unread").asLong()).isEqualTo(2);
    }

    @Test
    void aSessionListWithoutIdsOrWithMoreThanAPageOfThemIsABadRequest() throws Exception {
        String caller = token(newId("user"), "user");
        String tooMany = String.join(",", IntStream.rangeClosed(1, 101).mapToObj(i -> "s" + i)
                .toList());

        for (String query : List.of("", "?sessionIds=", "?sessionIds=,%20,", "?sessionIds=" + tooMany)) {
            HttpResponse<String> response = getList(query, caller);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }
}
