package com.astro.chat.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat settings, bound from {@code astro.chat.*}.
 *
 * @param instanceId this instance's id (CHAT_INSTANCE_ID); blank picks a random short id at start
 * @param advertisedAddress the {@code host:port} the gateway reaches this instance at (CHAT_ADVERTISED_ADDRESS);
 *        blank means {@code 127.0.0.1:<server port>}
 * @param maxTextLength the longest message text accepted, in characters (Unicode code points)
 * @param heartbeatInterval how often the instance publishes the connections it holds
 * @param presenceUrl base URL of presence-service, called for {@code presence:on} / {@code presence:off}
 * @param historyDefaultLimit history page size when the caller names none
 * @param historyMaxLimit the largest history page a caller may ask for
 * @param allowedOrigins browser origins allowed to reach the endpoint directly (CORS, Origin check); empty (the
 *        default) leaves CORS to the gateway, which owns it for every path
 * @param maxRequestsInFlight socket requests the instance holds at once, queued or running, over all sockets;
 *        past it requests are refused with {@code busy} at once, so an overload costs refusals, not the heap
 * @param maxQueuedPerSocket requests one socket may have waiting; past it they are refused with
 *        {@code too_many_requests}
 * @param maxConnections Engine.IO sessions the instance holds at once; past it handshakes answer 503
 * @param maxConnectionsPerAddress Engine.IO sessions one client address holds at once (the address the gateway
 *        appends to {@code X-Forwarded-For}); past it handshakes answer 429
 * @param presenceCredential the secret shown to presence-service on calls for a socket's astrologer
 *        ({@code PRESENCE_SERVICE_CREDENTIAL}); the user's token is never forwarded
 * @param tokenGrace how long after its token's expiry a socket may go without {@code auth:refresh} before it is
 *        disconnected
 */
@ConfigurationProperties("astro.chat")
public record ChatProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue("") String advertisedAddress,
        @DefaultValue("2000") int maxTextLength,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("http://localhost:8081") String presenceUrl,
        @DefaultValue("50") int historyDefaultLimit,
        @DefaultValue("200") int historyMaxLimit,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1000") int maxRequestsInFlight,
        @DefaultValue("32") int maxQueuedPerSocket,
        @DefaultValue("20000") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerAddress,
        @DefaultValue("dev-presence-credential") String presenceCredential,
        @DefaultValue("30s") Duration tokenGrace) {
}
