package com.astro.common.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Logging defaults for every service, lowest priority so a service's own settings win:
 * <ul>
 * <li>{@code LOG_FORMAT=ecs} (or {@code logstash}, {@code gelf}) switches the console to Boot's
 * structured JSON logs, which carry the MDC's request id as a field; unset or {@code plain} keeps the
 * readable console of dev;</li>
 * <li>the plain console shows {@code [requestId]} on lines written while handling a request, and
 * {@code [traceId,spanId]} on lines written inside a span (a request, a Kafka record being handled); structured
 * logs carry both as MDC fields.</li>
 * </ul>
 */
public final class LogFormatEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "astroLoggingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String format = environment.getProperty("LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !format.equals("plain")) {
            defaults.put("logging.structured.format.console", format);
        }
        defaults.put("logging.pattern.correlation", "%replace([%X{" + RequestIds.CONTEXT_KEY + "}] ){'\\[\\] ', ''}"
                + "%replace([%X{traceId},%X{spanId}] ){'\\[,\\] ', ''}");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
