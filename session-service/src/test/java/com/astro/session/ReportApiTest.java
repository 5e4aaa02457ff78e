package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Participants report sessions; admins list and resolve the reports. */
class ReportApiTest extends SessionTestSupport {

    private final String admin = token("admin_reports", "admin");

    @SuppressWarnings("unchecked")
    private Map<String, Object> report(String sessionId, String participant, String role, int status) {
        return post("/api/sessions/" + sessionId + "/report", token(participant, role), Map.of("reason", "asked for my number"))
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aParticipantReportsASessionOnceAndARepeatAnswersTheSameReport() {
        String user = fresh("user");
        String session = activeChatSession(user, fresh("astro"), 5, 100);

        Map<String, Object> first = report(session, user, "user", 201);
        Map<String, Object> again = report(session, user, "user", 200);

        assertThat(first).containsEntry("sessionId", session).containsEntry("reporterId", user)
                .containsEntry("status", "open").containsEntry("reason", "asked for my number");
        assertThat(again.get("id")).isEqualTo(first.get("id"));
    }

    @Test
    void concurrentReportsOfOneParticipantCreateOneReport() {
        String user = fresh("user");
        String session = activeChatSession(user, fresh("astro"), 5, 100);

        List<Integer> statuses = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                post("/api/sessions/" + session + "/report", token(user, "user"), Map.of("reason", "spam " + i))
                        .returnResult(String.class).getStatus().value())).toList().stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnlyOnce(201).containsOnly(200, 201);
        assertThat(openReportsOf(session)).hasSize(1);
    }

    @Test
    void theAstrologerMayReportTooButNobodyOutsideTheSession() {
        String astrologer = fresh("astro");
        String session = activeChatSession(fresh("user"), astrologer, 5, 100);

        report(session, astrologer, "astrologer", 201);
        post("/api/sessions/" + session + "/report", token(fresh("stranger"), "user"), Map.of("reason", "x"))
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/sessions/" + session + "/report", admin, Map.of("reason", "x")).expectStatus().isNotFound();
        post("/api/sessions/no_such_session/report", token(astrologer, "astrologer"), Map.of("reason", "x"))
                .expectStatus().isNotFound();
    }

    @Test
    void aReportNeedsAReasonOfAtMostAThousandCharacters() {
        String user = fresh("user");
        String session = activeChatSession(user, fresh("astro"), 5, 100);

        for (Object body : List.of(Map.of(), Map.of("reason", "  "), Map.of("reason", 42), Map.of("reason", "x".repeat(1001)))) {
            post("/api/sessions/" + session + "/report", token(user, "user"), body)
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isNotEmpty();
        }
        post("/api/sessions/" + session + "/report", token(user, "user"), "{not json")
                .expectStatus().isBadRequest();
        assertThat(openReportsOf(session)).isEmpty();
    }

    @Test
    void adminsListOpenReportsAndResolveThem() {
        String user = fresh("user");
        String session = activeChatSession(user, fresh("astro"), 5, 100);
        String id = (String) report(session, user, "user", 201).get("id");

        web.post().uri("/api/sessions/reports/{id}/resolve", id).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("resolved")
                .jsonPath("$.resolvedBy").isEqualTo("admin_reports");

        assertThat(openReportsOf(session)).isEmpty();
        assertThat(reports("resolved")).anySatisfy(r -> assertThat(r).containsEntry("id", id));
        web.post().uri("/api/sessions/reports/{id}/resolve", id).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk();
        web.post().uri("/api/sessions/reports/nope/resolve").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void onlyAdminsListOrResolveReports() {
        String user = fresh("user");
        web.get().uri("/api/sessions/reports").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.post().uri("/api/sessions/reports/any/resolve").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/sessions/reports?status=closed").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isBadRequest();
    }

    private List<Map<String, Object>> openReportsOf(String session) {
        return reports("open").stream().filter(r -> session.equals(r.get("sessionId"))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reports(String status) {
        return web.get().uri("/api/sessions/reports?status=" + status).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(r -> (Map<String, Object>) r).toList();
    }
}
