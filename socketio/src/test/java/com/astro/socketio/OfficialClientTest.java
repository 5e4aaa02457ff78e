package com.astro.socketio;

import com.astro.infra.NodeScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official socket.io-client 4.x (under Node) against the server, over WebSocket only, long-polling only,
 * and polling upgraded to WebSocket. Each scenario's expectations are asserted inside the script
 * (src/test/js/client-scenarios.js); it prints "ok" only when all held.
 */
class OfficialClientTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Iterable<String> modes() {
        return TestServer.modes();
    }

    private static void passes(String scenario, String mode) {
        NodeScript.Result result = server.runScenario(scenario, mode);
        assertThat(result.succeeded()).as(result.stdout() + result.stderr()).isTrue();
        assertThat(result.stdout()).contains("ok");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void eventsWithAndWithoutAcknowledgementBothWays(String mode) {
        passes("events", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void binaryPayloadsRoundTripBothWays(String mode) {
        passes("binary", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void middlewareRejectionReachesTheClientAsConnectError(String mode) {
        passes("refused", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void roomBroadcastsReachOnlyCurrentMembers(String mode) {
        passes("rooms", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void otherNamespacesConnectAndUnknownOnesAreRefused(String mode) {
        passes("namespaces", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void serverSideDisconnectIsFinalForTheClient(String mode) {
        passes("server-disconnect", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void clientSideDisconnectReachesTheServer(String mode) {
        passes("client-disconnect", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void clientReconnectsByItselfAfterTheServerDropsTheConnection(String mode) {
        passes("reconnect", mode);
    }
}
