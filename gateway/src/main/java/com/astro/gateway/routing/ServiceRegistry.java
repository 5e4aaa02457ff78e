package com.astro.gateway.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import com.astro.gateway.GatewayProperties;

/**
 * The services the gateway routes to, by name, with their instances kept resolved and probed for
 * readiness in the background.
 */
public final class ServiceRegistry implements DisposableBean {

    public static final String PRESENCE = "presence-service";

    public static final String SESSION = "session-service";

    public static final String CHAT = "chat-service";

    public static final String TOKEN = "token-service";

    static final String DEV_ISSUER = "dev-issuer";

    /** The exchange attribute naming the service a request was routed to, for error messages. */
    public static final String ROUTED_SERVICE_ATTRIBUTE = ServiceRegistry.class.getName() + ".routedService";

    private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

    private final Map<String, ServiceInstances> services = new LinkedHashMap<>();

    private final ScheduledExecutorService resolver;

    private final ReadinessProbe probe;

    ServiceRegistry(GatewayProperties properties) {
        services.put(PRESENCE, new ServiceInstances(PRESENCE, properties.presenceUrl()));
        services.put(SESSION, new ServiceInstances(SESSION, properties.sessionUrl()));
        services.put(CHAT, new ServiceInstances(CHAT, properties.chatUrl()));
        services.put(TOKEN, new ServiceInstances(TOKEN, properties.tokenUrl()));
        services.put(DEV_ISSUER, new ServiceInstances(DEV_ISSUER, properties.devIssuerUrl()));
        services.values().forEach(instances -> log.info("{} -> {}", instances.service(), instances.urls()));
        resolver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-resolver");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, properties.resolveInterval().toMillis());
        resolver.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
        probe = new ReadinessProbe(properties.probeTimeout(), properties.probeHeartbeat());
        long probePeriod = Math.max(1, properties.probeInterval().toMillis());
        resolver.scheduleWithFixedDelay(this::probe, probePeriod, probePeriod, TimeUnit.MILLISECONDS);
    }

    /** The dev issuer is no Spring application: it has no readiness endpoint to ask. */
    private void probe() {
        try {
            probe.probe(List.of(services.get(PRESENCE), services.get(SESSION), services.get(CHAT), services.get(TOKEN)));
        }
        catch (RuntimeException ex) {
            log.warn("could not probe the instances", ex);
        }
    }

    private void refresh() {
        for (ServiceInstances instances : services.values()) {
            try {
                instances.refresh();
            }
            catch (RuntimeException ex) {
                log.warn("could not refresh the instances of {}", instances.service(), ex);
            }
        }
    }

    /** The instances of a service, or null when the gateway does not know that name. */
    ServiceInstances get(String service) {
        return services.get(service);
    }

    /** The instances of a known service, as {@code scheme://host:port}. */
    public List<String> urls(String service) {
        return services.get(service).urls();
    }

    @Override
    public void destroy() {
        resolver.shutdownNow();
        probe.close();
    }
}
