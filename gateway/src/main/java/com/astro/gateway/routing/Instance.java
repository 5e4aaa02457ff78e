package com.astro.gateway.routing;

import java.net.URI;
import java.util.Locale;

/** One reachable copy of a service: where requests to it are sent. */
record Instance(String scheme, String host, int port) {

    static Instance of(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        return new Instance(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    /** {@code host:port}, IPv6 literals in brackets: the form chat instances advertise in their sids. */
    String authority() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
