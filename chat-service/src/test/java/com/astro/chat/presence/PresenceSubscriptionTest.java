package com.astro.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.astro.chat.ChatTestSupport;
import com.astro.chat.SocketClients;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * What a socket hears of presence by the mode it asked for: seed clients a coalesced full
 * {@code presence:online-list}, delta subscribers {@code presence:changed}, and sockets that asked for nothing,
 * nothing. Changes are published to {@code presence-changed} the way presence-service publishes them.
 */
class PresenceSubscriptionTest extends ChatTestSupport {

    /** The part of an astrologer's presence a client shows, with the version it was published under. */
    private record Shown(String id, boolean online, boolean busy, long chatRate, long version) {

        PresenceChanged event(Instant lastSeen) {
            return PresenceChanged.of(Instant.now(), id, "Name of " + id, online, busy, null, lastSeen,
                    new Rates(chatRate, 20L, null), version);
        }
    }

    private void publish(List<Shown> changes) {
        // one after the other: each astrologer's events reach the topic in version order, as presence-service's do
        Flux.fromIterable(changes).concatMap(change -> cluster.events().publish(change.event(Instant.now())))
                .then().block(WAIT);
    }

    private void publish(Shown... changes) {
        publish(List.of(changes));
    }

    private static List<JsonNode> entries(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    private List<JsonNode> lists(String client) {
        return clients.received(client, "presence:online-list");
    }

    /** The online astrologers among {@code ids} in the client's latest list, with what it shows of each. */
    private Map<String, String> latestListOf(String client, List<String> ids) {
        List<JsonNode> lists = lists(client);
        Map<String, String> shown = new HashMap<>();
        if (!lists.isEmpty()) {
            for (JsonNode entry : entries(lists.get(lists.size() - 1))) {
                String id = entry.path("id").asString();
                if (ids.contains(id)) {
                    shown.put(id, entry.path("busy").asBoolean() + "/" + entry.path("rates").path("chat").asLong());
                }
            }
        }
        return shown;
    }

    private static Map<String, String> expectedList(Map<String, Shown> finalStates) {
        Map<String, String> expected = new HashMap<>();
        finalStates.values().stream().filter(Shown::online)
                .forEach(s -> expected.put(s.id(), s.busy() + "/" + s.chatRate()));
        return expected;
    }

    private List<JsonNode> deltasFor(String client, String astrologerId) {
        return clients.received(client, "presence:changed").stream()
                .filter(d -> d.path("id").asString().equals(astrologerId)).toList();
    }

    private static List<Long> versions(List<JsonNode> deltas) {
        return deltas.stream().map(d -> d.path("version").asLong()).toList();
    }

    private void awaitLatestList(String client, Predicate<List<JsonNode>> condition) {
        await().atMost(WAIT).until(() -> {
            List<JsonNode> lists = lists(client);
            return !lists.isEmpty() && condition.test(entries(lists.get(lists.size() - 1)));
        });
    }

    private static Predicate<List<JsonNode>> shows(String astrologerId, long version) {
        return entries -> entries.stream().anyMatch(e -> e.path("id").asString().equals(astrologerId)
                && e.path("version").asLong() == version);
    }

    private void subscribe(String client, String mode) {
        JsonNode ack = clients.call(client, "presence:subscribe", SocketClients.json("mode", mode));
        assertThat(ack.path("ok").asBoolean()).as("ack %s", ack).isTrue();
        assertThat(ack.path("mode").asString()).isEqualTo(mode);
    }

    /** The presence events the client received after the acknowledgement of its last presence:subscribe. */
    private List<JsonNode> presenceEventsAfterSubscribing(String client) {
        List<JsonNode> reports = clients.reports(client);
        int ack = -1;
        for (int i = 0; i < reports.size(); i++) {
            if ("ack".equals(reports.get(i).path("type").asString())) {
                ack = i;
            }
        }
        assertThat(ack).as("an acknowledgement among %s", reports).isNotNegative();
        return reports.subList(ack + 1, reports.size()).stream()
                .filter(r -> r.path("event").asString().startsWith("presence:")).toList();
    }

    @Test
    void aSeedClientEndsWithTheRightFullListAfterAnySequenceOfChangesOnEveryInstance() {
        clients.connect("on-a", cluster.a().url(), token(newId("user"), "user"));
        clients.connect("on-b", cluster.b().url(), token(newId("user"), "user"));
        List<String> ids = List.of(newId("astro"), newId("astro"), newId("astro"), newId("astro"), newId("astro"));
        Random random = new Random(13);
        Map<String, Shown> states = new LinkedHashMap<>();
        List<Shown> changes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            long version = states.containsKey(id) ? states.get(id).version() + 1 : 1;
            boolean online = random.nextInt(3) > 0;
            Shown next = new Shown(id, online, online && random.nextBoolean(), 10L * (1 + random.nextInt(3)), version);
            states.put(id, next);
            changes.add(next);
        }

        publish(changes);

        Map<String, String> expected = expectedList(states);
        await().atMost(WAIT).until(() -> latestListOf("on-a", ids).equals(expected));
        await().atMost(WAIT).until(() -> latestListOf("on-b", ids).equals(expected));
    }

    @Test
    void aBurstOfChangesReachesASeedClientAsFewerListsEndingWithTheLatestState() {
        clients.connect("seed", cluster.a().url(), token(newId("user"), "user"));
        clients.awaitReceived("seed", "presence:online-list", 1);
        String astrologer = newId("astro");
        List<Shown> burst = new ArrayList<>();
        for (int v = 1; v <= 40; v++) {
            burst.add(new Shown(astrologer, true, v % 2 == 0, 10, v));
        }

        publish(burst);
        awaitLatestList("seed", shows(astrologer, 40));
        // a later change still comes after it: the final list was not overtaken by an older one
        String marker = newId("astro");
        publish(new Shown(marker, true, false, 10, 1));
        awaitLatestList("seed", shows(marker, 1));

        assertThat(lists("seed").size() - 1).as("lists for 41 changes").isLessThan(burst.size());
        JsonNode entry = entries(lists("seed").get(lists("seed").size() - 1)).stream()
                .filter(e -> e.path("id").asString().equals(astrologer)).findFirst().orElseThrow();
        assertThat(entry.path("version").asLong()).isEqualTo(40);
        assertThat(entry.path("busy").asBoolean()).isTrue();
    }

    @Test
    void aDeltaSubscriberGetsExactlyTheChangesInVersionOrder() {
        clients.connect("deltas", cluster.b().url(), token(newId("user"), "user"));
        subscribe("deltas", "deltas");
        String first = newId("astro");
        String second = newId("astro");
        List<Shown> changes = new ArrayList<>();
        for (int v = 1; v <= 8; v++) {
            // every step changes something shown: online, busy or the rate
            changes.add(new Shown(first, v % 4 != 0, v % 3 == 0, 10L * v, v));
            changes.add(new Shown(second, true, v % 2 == 0, 10, v));
        }

        publish(changes);
        publish(new Shown(first, true, false, 99, 9));
        await().atMost(WAIT).until(() -> versions(deltasFor("deltas", first)).contains(9L));

        assertThat(versions(deltasFor("deltas", first))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(versions(deltasFor("deltas", second))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        for (JsonNode delta : deltasFor("deltas", first)) {
            Shown sent = delta.path("version").asLong() == 9 ? new Shown(first, true, false, 99, 9)
                    : changes.get(2 * ((int) delta.path("version").asLong() - 1));
            assertThat(delta.path("online").asBoolean()).isEqualTo(sent.online());
            assertThat(delta.path("busy").asBoolean()).isEqualTo(sent.busy());
            assertThat(delta.path("rates").path("chat").asLong()).isEqualTo(sent.chatRate());
            assertThat(delta.path("displayName").asString()).isEqualTo("Name of " + first);
            assertThat(delta.hasNonNull("lastSeen")).isTrue();
        }
    }

    @Test
    void aDeltaSubscriberStartsFromTheCurrentList() {
        String astrologer = newId("astro");
        publish(new Shown(astrologer, true, false, 10, 1));
        clients.connect("late", cluster.a().url(), token(newId("user"), "user"), Map.of("presence", "deltas"));

        awaitLatestList("late", shows(astrologer, 1));
        publish(new Shown(astrologer, true, true, 10, 2));
        await().atMost(WAIT).until(() -> versions(deltasFor("late", astrologer)).equals(List.of(2L)));
    }

    @Test
    void aBareVersionOrLastSeenTickSendsNoDelta() {
        clients.connect("deltas", cluster.a().url(), token(newId("user"), "user"));
        subscribe("deltas", "deltas");
        String astrologer = newId("astro");
        Shown online = new Shown(astrologer, true, false, 10, 1);

        publish(online);
        cluster.events().publish(new Shown(astrologer, true, false, 10, 2).event(Instant.now().plusSeconds(30)))
                .block(WAIT);
        publish(new Shown(astrologer, true, true, 10, 3));
        await().atMost(WAIT).until(() -> versions(deltasFor("deltas", astrologer)).contains(3L));

        assertThat(versions(deltasFor("deltas", astrologer))).containsExactly(1L, 3L);
    }

    @Test
    void aBareVersionOrLastSeenTickSendsNoList() {
        clients.connect("seed", cluster.b().url(), token(newId("user"), "user"));
        String astrologer = newId("astro");
        publish(new Shown(astrologer, true, false, 10, 1));
        awaitLatestList("seed", shows(astrologer, 1));
        int before = lists("seed").size();

        cluster.events().publish(new Shown(astrologer, true, false, 10, 2).event(Instant.now().plusSeconds(30)))
                .block(WAIT);
        // for longer than the coalescing interval (1 s): a list caused by the tick would have gone out by then
        await().during(Duration.ofMillis(2_500)).atMost(WAIT).until(() -> lists("seed").size() == before);
        publish(new Shown(astrologer, true, true, 10, 3));
        awaitLatestList("seed", shows(astrologer, 3));

        assertThat(lists("seed").size() - before).as("lists after the tick and one real change").isEqualTo(1);
    }

    @Test
    void aSocketThatAskedForNothingGetsNoPresenceEvents() {
        clients.connect("none", cluster.a().url(), token(newId("user"), "user"));
        clients.connect("deltas", cluster.a().url(), token(newId("user"), "user"));
        clients.connect("seed", cluster.a().url(), token(newId("user"), "user"));
        subscribe("none", "none");
        subscribe("deltas", "deltas");
        String astrologer = newId("astro");

        publish(new Shown(astrologer, true, false, 10, 1), new Shown(astrologer, true, true, 10, 2));
        await().atMost(WAIT).until(() -> versions(deltasFor("deltas", astrologer)).contains(2L));
        awaitLatestList("seed", shows(astrologer, 2));

        assertThat(presenceEventsAfterSubscribing("none")).isEmpty();
    }

    @Test
    void aDashboardThatAsksForNothingInTheHandshakeGetsNoListOnConnect() {
        clients.connect("dashboard", cluster.b().url(), token(newId("astro"), "astrologer"),
                Map.of("presence", "none"));

        subscribe("dashboard", "none");

        assertThat(lists("dashboard")).isEmpty();
    }

    @Test
    void switchingBackToTheListSendsTheCurrentListAtOnce() {
        String astrologer = newId("astro");
        clients.connect("user", cluster.a().url(), token(newId("user"), "user"), Map.of("presence", "none"));
        publish(new Shown(astrologer, true, false, 10, 1));
        await().atMost(WAIT).until(() -> cluster.a().bean(OnlineList.class).current()
                .stream().anyMatch(a -> a.id().equals(astrologer)));

        subscribe("user", "list");

        assertThat(lists("user")).as("sent before the acknowledgement").isNotEmpty();
        assertThat(shows(astrologer, 1).test(entries(lists("user").get(0)))).isTrue();
    }

    @Test
    void anUnknownModeIsRefusedAndChangesNothing() {
        clients.connect("user", cluster.b().url(), token(newId("user"), "user"));
        clients.awaitReceived("user", "presence:online-list", 1);

        JsonNode ack = clients.call("user", "presence:subscribe", SocketClients.json("mode", "everything"));

        assertThat(ack.path("ok").asBoolean()).isFalse();
        assertThat(ack.path("error").path("code").asString()).isEqualTo("invalid_payload");
        JsonNode error = clients.awaitReceived("user", "message:error", 1).get(0);
        assertThat(error.path("event").asString()).isEqualTo("presence:subscribe");
        String astrologer = newId("astro");
        publish(new Shown(astrologer, true, false, 10, 1));
        awaitLatestList("user", shows(astrologer, 1));
    }
}
