package com.astro.gateway.routing;

import java.util.Locale;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the headers the edge owns from service responses: CORS (the gateway answers CORS for every
 * path; a service's own headers would duplicate them and browsers reject duplicates) and the request
 * id (the gateway already echoes it).
 */
final class BackendResponseHeaders implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders kept = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!ownedByTheEdge(name.toLowerCase(Locale.ROOT))) {
                kept.addAll(name, values);
            }
        });
        return kept;
    }

    /** Whether a response header (its lower-case name) is the gateway's to write, not the service's. */
    static boolean ownedByTheEdge(String lowerCaseName) {
        return lowerCaseName.startsWith("access-control-") || lowerCaseName.equals("x-request-id");
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
