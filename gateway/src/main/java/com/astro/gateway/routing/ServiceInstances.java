package com.astro.gateway.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service, from its configured URL list. A host name stands for every address
 * it resolves to, so {@code docker compose --scale} behind one DNS name is balanced too; names are
 * resolved again by {@link #refresh()} (never on the request path).
 *
 * <p>An instance is out of the rotation while it is known to be unusable: its readiness probe
 * failed, or a connection to it was refused. It keeps serving the Engine.IO sessions that live on it
 * ({@link #byAuthority}); new requests go to the others, and it comes back when a probe answers 200.
 */
final class ServiceInstances {

    private final String service;

    private final List<URI> configured;

    private final AtomicInteger next = new AtomicInteger();

    /** Every address a request may go to, by {@code host:port}: configured names and their resolved addresses. */
    private volatile Map<String, Instance> known;

    private volatile List<Instance> balanced;

    private final Set<Instance> unusable = ConcurrentHashMap.newKeySet();

    ServiceInstances(String service, List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no URL configured for " + service);
        }
        this.service = service;
        this.configured = urls.stream().map(String::trim).filter(url -> !url.isEmpty()).map(url -> parse(service, url)).toList();
        refresh();
    }

    private static URI parse(String service, String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("URL of " + service + " must be http(s)://host:port, not " + url);
        }
        return uri;
    }

    String service() {
        return service;
    }

    /** Resolves the configured host names again; a name that does not resolve (yet) is kept as it is. */
    void refresh() {
        Map<String, Instance> nextKnown = new LinkedHashMap<>();
        List<Instance> nextBalanced = new ArrayList<>();
        for (URI uri : configured) {
            Instance literal = Instance.of(uri);
            nextKnown.put(literal.authority(), literal);
            List<Instance> resolved = resolve(literal);
            for (Instance instance : resolved) {
                nextKnown.put(instance.authority(), instance);
                if (!nextBalanced.contains(instance)) {
                    nextBalanced.add(instance);
                }
            }
        }
        this.known = Map.copyOf(nextKnown);
        this.balanced = List.copyOf(nextBalanced);
        unusable.retainAll(nextBalanced);
    }

    /**
     * A name's IPv4 addresses when it has any (Docker's DNS answers those; {@code localhost} also
     * resolving to ::1 must not double its weight), else all of them, else the name itself.
     */
    private static List<Instance> resolve(Instance literal) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(literal.host());
            List<InetAddress> chosen = new ArrayList<>();
            for (InetAddress address : addresses) {
                if (address instanceof Inet4Address) {
                    chosen.add(address);
                }
            }
            if (chosen.isEmpty()) {
                chosen = List.of(addresses);
            }
            return chosen.stream()
                    .map(address -> new Instance(literal.scheme(), address.getHostAddress(), literal.port()))
                    .distinct()
                    .toList();
        }
        catch (UnknownHostException ex) {
            return List.of(literal);
        }
    }

    /**
     * The next usable instance in round-robin order; when none is known to be usable, the next of all
     * (a probe may be wrong, and a refused connection then says more than a blanket 503).
     */
    Instance next() {
        List<Instance> current = balanced;
        int turn = next.getAndIncrement();
        for (int i = 0; i < current.size(); i++) {
            Instance candidate = current.get(Math.floorMod(turn + i, current.size()));
            if (!unusable.contains(candidate)) {
                return candidate;
            }
        }
        return current.get(Math.floorMod(turn, current.size()));
    }

    /** The addresses requests are balanced over, usable or not: what the readiness probe asks. */
    List<Instance> balanced() {
        return balanced;
    }

    /** Takes the instance out of the rotation (a failed probe, a refused connection). Returns whether it was in. */
    boolean markUnusable(Instance instance) {
        return unusable.add(instance);
    }

    /** Puts the instance back into the rotation (its readiness answered 200). Returns whether it was out. */
    boolean markUsable(Instance instance) {
        return unusable.remove(instance);
    }

    boolean isUsable(Instance instance) {
        return !unusable.contains(instance);
    }

    /** The instance advertising {@code authority} ({@code host:port}), only if it is one of this service's. */
    Optional<Instance> byAuthority(String authority) {
        return Optional.ofNullable(known.get(authority.toLowerCase(Locale.ROOT)));
    }

    /** The instances requests are balanced over, as {@code scheme://host:port}. */
    List<String> urls() {
        return balanced.stream().map(instance -> instance.scheme() + "://" + instance.authority()).toList();
    }
}
