package com.astro.presence.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import com.astro.common.event.ChatInstanceHeartbeat;
import com.astro.common.event.ChatInstanceHeartbeat.Connection;
import com.astro.common.event.ConnectionChanged;
import com.astro.common.event.PresenceChanged;
import com.astro.presence.PresenceIntegrationTest;
import com.astro.presence.PresenceTopic;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class DisconnectTest extends PresenceIntegrationTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    @Autowired
    DisconnectSweeper sweeper;

    /** An online astrologer and the live instance ("c1" on it) holding their one connection. */
    private record Connected(String id, String instance) {
    }

    private Connected onlineWithOneConnection() {
        String id = newAstrologerId();
        String instance = newInstanceId();
        heartbeat(instance, Duration.ofMinutes(5));
        goOnline(id);
        open(id, instance, "c1");
        return new Connected(id, instance);
    }

    private static String newInstanceId() {
        return "chat-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void open(String astrologerId, String instanceId, String connectionId) {
        events.publish(ConnectionChanged.of(clock.instant(), astrologerId, "astrologer", "Name", instanceId,
                connectionId, true)).block();
        await().atMost(WAIT).until(() -> connectionIds(astrologerId).contains(connectionId));
    }

    private void close(String astrologerId, String instanceId, String connectionId) {
        events.publish(ConnectionChanged.of(clock.instant(), astrologerId, "astrologer", "Name", instanceId,
                connectionId, false)).block();
        await().atMost(WAIT).until(() -> !connectionIds(astrologerId).contains(connectionId));
    }

    /** Publishes a heartbeat and waits until it is recorded; each heartbeat must be later than the previous one. */
    private void heartbeat(String instanceId, Duration interval, Connection... connections) {
        Instant at = clock.instant();
        events.publish(ChatInstanceHeartbeat.of(at, instanceId, interval.toMillis(), List.of(connections))).block();
        await().atMost(WAIT).until(() -> {
            ChatInstance instance = mongo.findById(instanceId, ChatInstance.class).block();
            return instance != null && at.equals(instance.appliedReportedAt());
        });
    }

    private static Connection astrologerConnection(String astrologerId, String connectionId) {
        return new Connection(astrologerId, "astrologer", connectionId);
    }

    private List<String> connectionIds(String astrologerId) {
        AstrologerConnections set = mongo.findById(astrologerId, AstrologerConnections.class).block();
        return set == null ? List.of() : set.connections().stream().map(AstrologerConnections.Live::connectionId).toList();
    }

    private void sweep() {
        sweeper.sweep().block();
    }

    private PresenceChanged lastEvent(String id) {
        List<PresenceChanged> events = PresenceTopic.eventsFor(id);
        return events.get(events.size() - 1);
    }

    @Autowired
    ScheduledTaskHolder scheduledTasks;

    @Test
    void theSweepIsScheduledAtTheConfiguredInterval() {
        assertThat(scheduledTasks.getScheduledTasks())
                .map(ScheduledTask::getTask)
                .filteredOn(task -> task.getRunnable().toString().contains("DisconnectSweeper.scheduledSweep"))
                .singleElement()
                .isInstanceOfSatisfying(FixedDelayTask.class,
                        task -> assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void anAstrologerGoesOfflineWhenTheirLastConnectionHasBeenGoneForTheGracePeriod() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        clock.advance(Duration.ofSeconds(10));
        close(id, instance, "c1");
        Instant closedAt = clock.instant();
        await().atMost(WAIT).until(() -> closedAt.equals(stored(id).disconnectedSince()));

        clock.advance(GRACE.minusSeconds(1));
        sweep();
        assertThat(stored(id).online()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        sweep();
        assertThat(stored(id).online()).isFalse();
        assertThat(stored(id).lastSeen()).isEqualTo(closedAt);
        PresenceChanged offline = lastEvent(id);
        assertThat(offline.online()).isFalse();
        assertThat(offline.lastSeen()).isEqualTo(closedAt);
        assertThat(offline.version()).isEqualTo(2);
        assertThat(offline.connectionLost()).as("offline because the connections were lost").isTrue();
        get("/api/v1/astrologers/online", userToken()).expectBody().jsonPath("$[?(@.id == '" + id + "')]").isEmpty();
    }

    @Test
    void sweepingAgainPublishesNothingMore() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        close(id, instance, "c1");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() != null);
        clock.advance(GRACE);
        sweep();
        sweep();
        assertThat(PresenceTopic.eventsFor(id)).extracting(PresenceChanged::online).containsExactly(true, false);
    }

    @Test
    void concurrentSweepersTakeTheAstrologerOfflineOnce() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        close(id, instance, "c1");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() != null);
        clock.advance(GRACE);

        Mono.when(sweeper.sweep().subscribeOn(Schedulers.parallel()), sweeper.sweep().subscribeOn(Schedulers.parallel()),
                sweeper.sweep().subscribeOn(Schedulers.parallel())).block();
        assertThat(stored(id).online()).isFalse();
        assertThat(PresenceTopic.eventsFor(id)).extracting(PresenceChanged::online).containsExactly(true, false);
    }

    @Test
    void aReconnectWithinTheGracePeriodKeepsTheAstrologerOnline() {
        String id = newAstrologerId();
        String instance = newInstanceId();
        String otherInstance = newInstanceId();
        heartbeat(instance, Duration.ofMinutes(5));
        heartbeat(otherInstance, Duration.ofMinutes(5));
        goOnline(id);
        open(id, instance, "c1");
        close(id, instance, "c1");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() != null);

        clock.advance(Duration.ofSeconds(20));
        open(id, otherInstance, "c2");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() == null);
        clock.advance(Duration.ofSeconds(20));
        sweep();
        assertThat(stored(id).online()).isTrue();
        assertThat(PresenceTopic.eventsFor(id)).hasSize(1);
    }

    @Test
    void closingOneOfTwoConnectionsKeepsTheAstrologerOnline() {
        String id = newAstrologerId();
        String instance = newInstanceId();
        heartbeat(instance, Duration.ofMinutes(5));
        goOnline(id);
        open(id, instance, "tab-1");
        open(id, instance, "tab-2");
        close(id, instance, "tab-1");
        clock.advance(GRACE.plusSeconds(5));
        sweep();
        assertThat(stored(id).online()).isTrue();
        assertThat(stored(id).disconnectedSince()).isNull();
    }

    @Test
    void anAstrologerGoesOfflineWhenTheInstanceHoldingThemStopsHeartbeating() {
        String id = newAstrologerId();
        String instance = newInstanceId();
        goOnline(id);
        heartbeat(instance, Duration.ofSeconds(10), astrologerConnection(id, "c1"));
        Instant lastHeartbeat = clock.instant();
        assertThat(connectionIds(id)).containsExactly("c1");

        clock.advance(Duration.ofSeconds(29));
        sweep();
        assertThat(stored(id).online()).isTrue();

        clock.advance(Duration.ofSeconds(2));
        sweep();
        assertThat(stored(id).online()).isFalse();
        assertThat(stored(id).lastSeen()).isEqualTo(lastHeartbeat);
        assertThat(connectionIds(id)).isEmpty();
        assertThat(mongo.findById(instance, ChatInstance.class).block()).isNull();
        assertThat(lastEvent(id).online()).isFalse();
        assertThat(lastEvent(id).lastSeen()).isEqualTo(lastHeartbeat);
        assertThat(lastEvent(id).connectionLost()).isTrue();
    }

    @Test
    void goingOfflineByHandIsNotALostConnection() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();

        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id)).expectStatus().isOk();

        await().atMost(WAIT).until(() -> !lastEvent(id).online());
        assertThat(lastEvent(id).connectionLost()).isFalse();
    }

    @Test
    void goingOnlineAgainAfterTheConnectionsWereLostClearsTheMark() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        close(id, astrologer.instance(), "c1");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() != null);
        clock.advance(GRACE);
        sweep();
        assertThat(lastEvent(id).connectionLost()).isTrue();

        goOnline(id);

        await().atMost(WAIT).until(() -> lastEvent(id).online());
        assertThat(lastEvent(id).connectionLost()).isFalse();
    }

    @Test
    void aDeadInstanceDoesNotTakeOfflineAnAstrologerConnectedElsewhere() {
        String id = newAstrologerId();
        String dying = newInstanceId();
        String healthy = newInstanceId();
        goOnline(id);
        heartbeat(dying, Duration.ofSeconds(10), astrologerConnection(id, "c1"));
        heartbeat(healthy, Duration.ofMinutes(5), astrologerConnection(id, "c2"));
        assertThat(connectionIds(id)).containsExactlyInAnyOrder("c1", "c2");

        clock.advance(Duration.ofSeconds(31));
        sweep();
        assertThat(connectionIds(id)).containsExactly("c2");
        clock.advance(GRACE);
        sweep();
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void anInstanceKnownOnlyFromConnectionEventsIsDeadIfItNeverHeartbeats() {
        String id = newAstrologerId();
        String instance = newInstanceId();
        goOnline(id);
        open(id, instance, "c1");
        clock.advance(Duration.ofSeconds(31));
        sweep();
        assertThat(stored(id).online()).isFalse();
    }

    @Test
    void aHeartbeatRepairsALostCloseEvent() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        clock.advance(Duration.ofSeconds(1));
        heartbeat(instance, Duration.ofMinutes(5));
        Instant repairedAt = clock.instant();
        assertThat(connectionIds(id)).isEmpty();
        assertThat(stored(id).disconnectedSince()).isEqualTo(repairedAt);
        clock.advance(GRACE);
        sweep();
        assertThat(stored(id).online()).isFalse();
    }

    @Test
    void aHeartbeatRepairsALostOpenEvent() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        close(id, instance, "c1");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() != null);
        clock.advance(Duration.ofSeconds(5));
        heartbeat(instance, Duration.ofMinutes(5), astrologerConnection(id, "c2"));
        assertThat(connectionIds(id)).containsExactly("c2");
        assertThat(stored(id).disconnectedSince()).isNull();
        clock.advance(GRACE);
        sweep();
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void aHeartbeatTakenBeforeACloseDoesNotBringTheConnectionBack() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        clock.advance(Duration.ofSeconds(1));
        Instant snapshotAt = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        close(id, instance, "c1");
        events.publish(ChatInstanceHeartbeat.of(snapshotAt, instance, Duration.ofMinutes(5).toMillis(),
                List.of(astrologerConnection(id, "c1")))).block();
        await().atMost(WAIT).until(() -> snapshotAt.equals(mongo.findById(instance, ChatInstance.class).block().appliedReportedAt()));
        assertThat(connectionIds(id)).isEmpty();
    }

    @Test
    void anOlderHeartbeatDeliveredLateIsIgnored() {
        String id = newAstrologerId();
        String instance = newInstanceId();
        goOnline(id);
        Instant older = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        heartbeat(instance, Duration.ofMinutes(5), astrologerConnection(id, "c2"));
        Instant newer = clock.instant();
        events.publish(ChatInstanceHeartbeat.of(older, instance, Duration.ofMinutes(5).toMillis(), List.of())).block();
        // a later heartbeat is the signal that the stale one, on the same partition before it, was handled
        clock.advance(Duration.ofSeconds(1));
        heartbeat(instance, Duration.ofMinutes(5), astrologerConnection(id, "c2"));
        assertThat(connectionIds(id)).containsExactly("c2");
        assertThat(stored(id).disconnectedSince()).isNull();
        assertThat(newer).isBefore(clock.instant());
    }

    @Test
    void aUsersConnectionEventIsNotTracked() {
        String instance = newInstanceId();
        String user = "user_" + UUID.randomUUID();
        heartbeat(instance, Duration.ofMinutes(5));
        // both keyed by the user id: the astrologer's event, on the same partition after the user's, signals it was handled
        events.publish(ConnectionChanged.of(clock.instant(), user, "user", "U", instance, "u1", true)).block();
        events.publish(new ConnectionChanged(UUID.randomUUID().toString(), "chat-connections", 1, clock.instant(), user,
                "astrologer", "U", instance, "signal", true)).block();
        await().atMost(WAIT).until(() -> connectionIds(user).contains("signal"));
        assertThat(connectionIds(user)).containsExactly("signal");
    }

    @Test
    void aConnectionAloneDoesNotSetAnAstrologerOnline() {
        String neverSeen = newAstrologerId();
        String offline = newAstrologerId();
        String instance = newInstanceId();
        heartbeat(instance, Duration.ofMinutes(5));
        goOnline(offline);
        post("/api/v1/astrologers/" + offline + "/offline", astrologerToken(offline)).expectStatus().isOk();
        open(neverSeen, instance, "c1");
        open(offline, instance, "c2");
        get("/api/v1/astrologers/" + neverSeen, userToken()).expectStatus().isNotFound();
        assertThat(stored(offline).online()).isFalse();
    }

    @Test
    void anAstrologerWhoNeverConnectedStaysOnline() {
        String id = newAstrologerId();
        goOnline(id);
        clock.advance(Duration.ofMinutes(10));
        sweep();
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void goingOnlineAgainAfterADisconnectStopsTheGraceClock() {
        Connected astrologer = onlineWithOneConnection();
        String id = astrologer.id();
        String instance = astrologer.instance();
        close(id, instance, "c1");
        await().atMost(WAIT).until(() -> stored(id).disconnectedSince() != null);
        clock.advance(GRACE);
        sweep();
        goOnline(id);
        clock.advance(GRACE);
        sweep();
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void connectionsOfUsersAndAdminsInAHeartbeatAreNotTracked() {
        String instance = newInstanceId();
        String user = "user_" + UUID.randomUUID();
        String id = newAstrologerId();
        heartbeat(instance, Duration.ofMinutes(5), new Connection(user, "user", "u1"),
                new Connection("admin_1", "admin", "a1"), astrologerConnection(id, "c1"));
        assertThat(connectionIds(id)).containsExactly("c1");
        assertThat(mongo.findById(user, AstrologerConnections.class).block()).isNull();
        assertThat(mongo.findById("admin_1", AstrologerConnections.class).block()).isNull();
    }
}
