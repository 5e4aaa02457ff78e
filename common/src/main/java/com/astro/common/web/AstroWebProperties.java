package com.astro.common.web;

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
 */
@ConfigurationProperties("astro.web")
public record AstroWebProperties(
        @DefaultValue("64KB") DataSize maxBodyBytes,
        @DefaultValue("true") boolean accessLog) {
}
