package com.astro.stack;

import java.util.List;

/**
 * The applications of the system, in start-up order, with their dev ports. Further instances of a
 * service listen on {@code port + 10 * n} (chat 8083, 8093, 8103...).
 */
public enum App {

    PRESENCE("presence-service", 8081),
    SESSION("session-service", 8082),
    CHAT("chat-service", 8083),
    TOKEN("token-service", 8084),
    GATEWAY("gateway", 8080);

    public static final List<App> SERVICES = List.of(PRESENCE, SESSION, CHAT, TOKEN);

    private final String module;

    private final int defaultPort;

    App(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    /** The Maven module, which is also the application's name. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The gateway's environment variable listing this service's instances. */
    String urlVariable() {
        return switch (this) {
            case PRESENCE -> "PRESENCE_URL";
            case SESSION -> "SESSION_URL";
            case CHAT -> "CHAT_URL";
            case TOKEN -> "TOKEN_URL";
            case GATEWAY -> throw new IllegalArgumentException("the gateway is not routed to");
        };
    }

    public static App byModule(String module) {
        for (App app : values()) {
            if (app.module.equals(module)) {
                return app;
            }
        }
        throw new IllegalArgumentException("unknown application " + module + "; known: presence-service, session-service, chat-service, token-service, gateway");
    }
}
