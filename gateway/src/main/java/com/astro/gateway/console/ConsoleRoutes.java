package com.astro.gateway.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the web console (module web-console, on the classpath under {@code console/}): its page at
 * {@code /}, its hashed assets under {@code /assets/}, and {@code /console/config.json} telling it
 * how to sign in. Only these paths: everything else still goes to the service routes or is "no route".
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    private static final Resource INDEX = new ClassPathResource("console/index.html");
    private static final Resource ASSETS = new ClassPathResource("console/assets/");
    /** Asset names carry a hash of their content: a new build has new names, so they may be kept for good. */
    private static final CacheControl ASSETS_CACHE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Bean
    RouterFunction<ServerResponse> consoleRouter(ConsoleProperties console, Environment environment,
            @Value("${astro.security.role-claim:role}") String roleClaim) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("devSignIn", environment.matchesProfiles("dev"));
        config.put("clerkPublishableKey", blankToNull(console.clerkPublishableKey()));
        config.put("agoraAppId", blankToNull(console.agoraAppId()));
        config.put("roleClaim", roleClaim);
        return RouterFunctions.route()
                // the page names the current assets, so it is checked on every load
                .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(INDEX))
                .GET("/console/config.json", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore()).bodyValue(config))
                .add(RouterFunctions.resources("/assets/**", ASSETS,
                        (resource, headers) -> headers.setCacheControl(ASSETS_CACHE)))
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
