package com.astro.common.web;

import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Run in a child JVM by {@link LogFormatTest}: starts Spring with the real environment and logs one line. */
@SpringBootConfiguration
public class EcsLogProbe {

    public static void main(String[] args) {
        try (var context = new SpringApplicationBuilder(EcsLogProbe.class).web(WebApplicationType.NONE).run(args)) {
            MDC.put(RequestIds.CONTEXT_KEY, "probe-1");
            LoggerFactory.getLogger("probe").info("probe line");
            MDC.clear();
        }
    }
}
