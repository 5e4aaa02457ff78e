package com.astro.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.astro.chat.ChatCluster;
import com.astro.chat.ChatTestSupport;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;

import tools.jackson.databind.JsonNode;

/** {@code presence:online-list}: built from {@code presence-changed}, right on every instance, including a new one. */
class OnlineListTest extends ChatTestSupport {

    private void publish(String astrologerId, boolean online, boolean busy, long version) {
        cluster.events().publish(PresenceChanged.of(Instant.now(), astrologerId, "Name of " + astrologerId, online,
                busy, null, Instant.now(), new Rates(10L, 20L, null), version)).block(WAIT);
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(a -> a.path("id").asString())
                .toList();
    }

    private JsonNode latestList(String client) {
        List<JsonNode> lists = clients.received(client, "presence:online-list");
        return lists.isEmpty() ? null : lists.get(lists.size() - 1);
    }

    private void awaitLatestList(String client, Predicate<List<String>> condition) {
        await().atMost(WAIT).until(() -> {
            JsonNode list = latestList(client);
            return list != null && condition.test(ids(list));
        });
    }

    @Test
    void everyClientGetsTheListOnConnect() {
        String astrologer = newId("astro");
        publish(astrologer, true, false, 1);
        await().atMost(WAIT).until(() -> cluster.b().bean(OnlineList.class).current().stream()
                .anyMatch(a -> a.id().equals(astrologer)));

        clients.connect("user", cluster.b().url(), token(newId("user"), "user"));

        awaitLatestList("user", ids -> ids.contains(astrologer));
        JsonNode entry = StreamSupport.stream(latestList("user").spliterator(), false)
                .filter(a -> a.path("id").asString().equals(astrologer)).findFirst().orElseThrow();
        assertThat(entry.path("displayName").asString()).isEqualTo("Name of " + astrologer);
        assertThat(entry.path("rates").path("chat").asLong()).isEqualTo(10);
        assertThat(entry.path("busy").asBoolean()).isFalse();
    }

    @Test
    void clientsOnBothInstancesSeeAstrologersGoOnlineAndOffline() {
        String astrologer = newId("astro");
        clients.connect("on-a", cluster.a().url(), token(newId("user"), "user"));
        clients.connect("on-b", cluster.b().url(), token(newId("user"), "user"));

        publish(astrologer, true, false, 1);
        awaitLatestList("on-a", ids -> ids.contains(astrologer));
        awaitLatestList("on-b", ids -> ids.contains(astrologer));

        publish(astrologer, false, false, 2);
        awaitLatestList("on-a", ids -> !ids.contains(astrologer));
        awaitLatestList("on-b", ids -> !ids.contains(astrologer));
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() {
        String astrologer = newId("astro");
        String marker = newId("astro");
        clients.connect("user", cluster.a().url(), token(newId("user"), "user"));
        publish(astrologer, false, false, 5);

        publish(astrologer, true, false, 4);
        publish(marker, true, false, 1);

        awaitLatestList("user", ids -> ids.contains(marker));
        assertThat(ids(latestList("user"))).doesNotContain(astrologer);
    }

    @Test
    void aChangedRatingAloneReachesTheListWithCountAndAverage() {
        String astrologer = newId("astro");
        clients.connect("user", cluster.a().url(), token(newId("user"), "user"));
        publish(astrologer, true, false, 1);
        awaitLatestList("user", ids -> ids.contains(astrologer));

        cluster.events().publish(PresenceChanged.of(Instant.now(), astrologer, "Name of " + astrologer, true, false, null,
                Instant.now(), new Rates(10L, 20L, null), 2, false, 3, 4.67)).block(WAIT);

        await().atMost(WAIT).until(() -> {
            JsonNode list = latestList("user");
            return list != null && StreamSupport.stream(list.spliterator(), false)
                    .anyMatch(a -> a.path("id").asString().equals(astrologer) && a.path("ratingCount").asLong() == 3
                            && a.path("ratingAverage").asDouble() == 4.67);
        });
    }

    @Test
    void aBusyAstrologerStaysListedAsBusy() {
        String astrologer = newId("astro");
        clients.connect("user", cluster.a().url(), token(newId("user"), "user"));
        publish(astrologer, true, false, 1);
        publish(astrologer, true, true, 2);

        await().atMost(WAIT).until(() -> {
            JsonNode list = latestList("user");
            return list != null && StreamSupport.stream(list.spliterator(), false)
                    .anyMatch(a -> a.path("id").asString().equals(astrologer) && a.path("busy").asBoolean());
        });
    }

    @Test
    void aFreshInstanceStartsWithTheRightList() {
        String online = newId("astro");
        String wentOffline = newId("astro");
        publish(online, true, false, 1);
        publish(wentOffline, true, false, 1);
        publish(wentOffline, false, false, 2);

        ChatCluster.Instance fresh = ChatCluster.start("fresh-" + newId("c"), cluster.presence().url());
        try {
            clients.connect("user", fresh.url(), token(newId("user"), "user"));
            JsonNode first = clients.awaitReceived("user", "presence:online-list", 1).get(0);
            assertThat(ids(first)).contains(online).doesNotContain(wentOffline);
        }
        finally {
            fresh.close();
        }
    }
}
