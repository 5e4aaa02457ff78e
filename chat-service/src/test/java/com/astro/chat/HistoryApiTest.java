package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.astro.chat.message.MessageService;
import com.astro.common.event.EndReason;
import com.astro.common.event.EventJson;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;

import tools.jackson.databind.JsonNode;

/** {@code GET /api/chat/sessions/{id}/messages}: pages in sequence order, for participants and admins only. */
class HistoryApiTest extends ChatTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    private Parties sessionWithMessages(int count) {
        Parties p = activeSession();
        MessageService messages = cluster.a().bean(MessageService.class);
        CurrentUser user = new CurrentUser(p.userId(), Role.USER, null);
        for (int i = 1; i <= count; i++) {
            messages.send(user, new MessageService.Send(p.sessionId(), "m" + i, null)).block(WAIT);
        }
        return p;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.b().url() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode page(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private static List<Long> seqs(JsonNode page) {
        return StreamSupport.stream(page.path("messages").spliterator(), false).map(m -> m.path("seq").asLong())
                .toList();
    }

    @Test
    void withoutCursorTheNewestPageComesOldestFirst() throws Exception {
        Parties p = sessionWithMessages(5);

        JsonNode page = page("/api/chat/sessions/" + p.sessionId() + "/messages?limit=3", p.userToken());

        assertThat(seqs(page)).containsExactly(3L, 4L, 5L);
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        assertThat(page.path("messages").path(0).path("text").asString()).isEqualTo("m3");
        assertThat(page.path("messages").path(0).path("senderId").asString()).isEqualTo(p.userId());
    }

    @Test
    void beforeSeqScrollsBackAndAfterSeqReadsForward() throws Exception {
        Parties p = sessionWithMessages(5);
        String base = "/api/chat/sessions/" + p.sessionId() + "/messages";

        assertThat(seqs(page(base + "?beforeSeq=3&limit=10", p.astrologerToken()))).containsExactly(1L, 2L);
        JsonNode forward = page(base + "?afterSeq=1&limit=2", p.astrologerToken());
        assertThat(seqs(forward)).containsExactly(2L, 3L);
        assertThat(forward.path("hasMore").asBoolean()).isTrue();
        JsonNode last = page(base + "?afterSeq=3&limit=2", p.astrologerToken());
        assertThat(seqs(last)).containsExactly(4L, 5L);
        assertThat(last.path("hasMore").asBoolean()).isFalse();
        assertThat(seqs(page(base + "?afterSeq=1&beforeSeq=4", p.astrologerToken()))).containsExactly(2L, 3L);
    }

    @Test
    void theDefaultPageHoldsFiftyMessages() throws Exception {
        Parties p = sessionWithMessages(52);

        JsonNode page = page("/api/chat/sessions/" + p.sessionId() + "/messages", p.userToken());

        assertThat(seqs(page)).hasSize(50).startsWith(3L).endsWith(52L);
    }

    @Test
    void anAdminMayReadAnySession() throws Exception {
        Parties p = sessionWithMessages(1);

        assertThat(seqs(page("/api/chat/sessions/" + p.sessionId() + "/messages", token(newId("admin"), "admin"))))
                .containsExactly(1L);
    }

    @Test
    void othersAndUnknownSessionsGet404() throws Exception {
        Parties p = sessionWithMessages(1);

        HttpResponse<String> stranger = get("/api/chat/sessions/" + p.sessionId() + "/messages",
                token(newId("user"), "user"));
        HttpResponse<String> unknown = get("/api/chat/sessions/" + newId("s") + "/messages", p.userToken());

        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("application/problem+json"));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTokenTheAnswerIs401() throws Exception {
        Parties p = sessionWithMessages(1);

        assertThat(get("/api/chat/sessions/" + p.sessionId() + "/messages", null).statusCode()).isEqualTo(401);
    }

    @Test
    void badPagingParametersAre400() throws Exception {
        Parties p = sessionWithMessages(1);
        String base = "/api/chat/sessions/" + p.sessionId() + "/messages";

        for (String query : new String[] { "?limit=0", "?limit=201", "?limit=abc", "?afterSeq=-1", "?beforeSeq=x" }) {
            HttpResponse<String> response = get(base + query, p.userToken());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains("detail");
        }
        assertThat(seqs(page(base + "?limit=200", p.userToken()))).containsExactly(1L);
    }

    @Test
    void historyStaysReadableAfterTheSessionEnds() throws Exception {
        Parties p = sessionWithMessages(2);
        ended(p, EndReason.COMPLETED, 1);

        assertThat(seqs(page("/api/chat/sessions/" + p.sessionId() + "/messages", p.userToken())))
                .containsExactly(1L, 2L);
    }

}
