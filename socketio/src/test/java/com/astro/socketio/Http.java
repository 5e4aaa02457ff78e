package com.astro.socketio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP requests for the long-polling transport. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return getAsync(url).join();
    }

    public static CompletableFuture<HttpResponse<String>> getAsync(String url) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(String url, String body) {
        return postAsync(url, body).join();
    }

    public static CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    /** Opens a polling session and returns its sid. */
    public static String openPolling(String engineUrl) {
        String body = get(engineUrl + "?EIO=4&transport=polling").body();
        int start = body.indexOf("\"sid\":\"") + 7;
        return body.substring(start, body.indexOf('"', start));
    }
}
