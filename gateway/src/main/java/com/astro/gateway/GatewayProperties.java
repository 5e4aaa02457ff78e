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
 * @param probeInterval how often every instance's readiness endpoint is asked whether it takes new requests
 *        ({@code GATEWAY_PROBE_INTERVAL}); an instance that answers anything but 200, or nothing within
 *        {@code probeTimeout}, leaves the rotation until it answers 200 again
 * @param probeTimeout how long a readiness probe may take ({@code GATEWAY_PROBE_TIMEOUT})
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
        @DefaultValue("1s") Duration probeTimeout) {
}
