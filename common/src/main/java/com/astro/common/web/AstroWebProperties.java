package com.astro.common.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web conventions shared by every service, bound from {@code astro.web.*}.
 *
 * @param maxBodyBytes the largest request body a service accepts (environment {@code ASTRO_WEB_MAX_BODY_BYTES});
 *        larger bodies get 413 problem details. Our JSON requests are a few hundred bytes, so 64 KiB
 *        leaves room while stopping a client from making a service buffer megabytes.
 * @param accessLog whether one line per request (method, path, status, duration, request id) is logged
 * @param shutdownDrain how long an instance that begins to shut down keeps working while its readiness already
 *        answers 503 (environment {@code ASTRO_WEB_SHUTDOWN_DRAIN}): long enough for the gateway's readiness
 *        probe (every 2 s) to take it out of the rotation before its sockets are closed. 0 in tests and
 *        without a gateway in front; the dev stack and compose set 3s.
 */
@ConfigurationProperties("astro.web")
public record AstroWebProperties(
        @DefaultValue("64KB") DataSize maxBodyBytes,
        @DefaultValue("true") boolean accessLog,
        @DefaultValue("0s") Duration shutdownDrain) {
}
