package com.astro.common.web;

import java.util.List;

import org.slf4j.MDC;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import reactor.core.publisher.Hooks;

/**
 * Bridges the request id that {@link RequestIds} puts in the Reactor context to the SLF4J MDC (key
 * {@value RequestIds#CONTEXT_KEY}), so every log line written while handling a request carries it,
 * on whatever thread the work hops to. Uses Micrometer context propagation with Reactor's automatic
 * mode: Reactor restores the MDC entry around each operator that runs for the request.
 *
 * <p>In that mode Reactor visits every registered accessor around every signal from a non-Reactor source (a Netty
 * read, a driver callback), setting or clearing its thread-local and restoring it afterwards. Spring Security
 * registers three of the five (its {@code SecurityContextHolder}, the reactive holder and the exchange); nothing here
 * reads those thread-locals, reactive code reads the Reactor context, so they are removed. In an allocation profile
 * of long-polling they were most of the gateway's share of context propagation, itself about a fifth of its
 * allocations (docs/benchmarks.md, "Young-collection pauses").
 */
public final class RequestIdLogging {

    private static volatile boolean installed;

    private RequestIdLogging() {
    }

    /** Idempotent; the auto-configuration calls it once per JVM. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ContextRegistry registry = ContextRegistry.getInstance();
        registry.registerThreadLocalAccessor(new MdcAccessor());
        removeSpringSecurityAccessors(registry);
        Hooks.enableAutomaticContextPropagation();
        installed = true;
    }

    private static void removeSpringSecurityAccessors(ContextRegistry registry) {
        List<Object> keys = registry.getThreadLocalAccessors().stream()
                .filter(accessor -> accessor.getClass().getName().startsWith("org.springframework.security."))
                .map(ThreadLocalAccessor::key)
                .toList();
        keys.forEach(registry::removeThreadLocalAccessor);
    }

    private static final class MdcAccessor implements ThreadLocalAccessor<String> {

        @Override
        public Object key() {
            return RequestIds.CONTEXT_KEY;
        }

        @Override
        public String getValue() {
            return MDC.get(RequestIds.CONTEXT_KEY);
        }

        @Override
        public void setValue(String value) {
            MDC.put(RequestIds.CONTEXT_KEY, value);
        }

        @Override
        public void setValue() {
            MDC.remove(RequestIds.CONTEXT_KEY);
        }
    }
}
