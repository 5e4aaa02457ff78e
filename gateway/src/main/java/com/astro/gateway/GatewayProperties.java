package com.astro.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings, bound from {@code astro.gateway.*}.
 *
 * @param presenceUrl presence-service instances, comma separated ({@code PRESENCE_URL})
 * @param sessionUrl session-service instances ({@code SESSION_URL})
 * @param chatUrl chat-service instances ({@code CHAT_URL}); a host name stands for every address it resolves to
 * @param tokenUrl token-service instances ({@code TOKEN_URL})
 * @param devIssuerUrl the dev issuer that {@code /dev/tokens} reaches in the dev profile ({@code DEV_ISSUER_URL})
 * @param allowedOrigins browser origins allowed by CORS ({@code FRONTEND_URL}, comma separated)
 * @param maxBodySize the largest request body accepted ({@code GATEWAY_MAX_BODY_SIZE})
 * @param resolveInterval how often host names of instances are resolved again (scaled services come and go)
 * @param probeInterval how often the readiness streams of the instances are checked: an ended one is opened again,
 *        a silent one ended ({@code GATEWAY_PROBE_INTERVAL}); an instance that reports anything but {@code UP}, refuses
 *        the stream or stays silent leaves the rotation until it reports {@code UP} again
 * @param probeTimeout how long connecting to an instance may take, and how much longer than two heartbeats its
 *        stream may stay silent ({@code GATEWAY_PROBE_TIMEOUT})
 * @param probeHeartbeat how often each instance is asked to report its readiness on the stream even when nothing
 *        changed ({@code GATEWAY_PROBE_HEARTBEAT})
 */
@ConfigurationProperties("astro.gateway")
public record GatewayProperties(
        @DefaultValue("http://localhost:8081") List<String> presenceUrl,
        @DefaultValue("http://localhost:8082") List<String> sessionUrl,
        @DefaultValue("http://localhost:8083") List<String> chatUrl,
        @DefaultValue("http://localhost:8084") List<String> tokenUrl,
        @DefaultValue("http://localhost:8090") List<String> devIssuerUrl,
        @DefaultValue("http://localhost:3000") List<String> allowedOrigins,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("10s") Duration resolveInterval,
        @DefaultValue("2s") Duration probeInterval,
        @DefaultValue("1s") Duration probeTimeout,
        @DefaultValue("5s") Duration probeHeartbeat) {
}
