package com.astro.common.web;

import org.slf4j.MDC;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import reactor.core.publisher.Hooks;

/**
 * Bridges the request id that {@link RequestIds} puts in the Reactor context to the SLF4J MDC (key
 * {@value RequestIds#CONTEXT_KEY}), so every log line written while handling a request carries it,
 * on whatever thread the work hops to. Uses Micrometer context propagation with Reactor's automatic
 * mode: Reactor restores the MDC entry around each operator that runs for the request.
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
        ContextRegistry.getInstance().registerThreadLocalAccessor(new MdcAccessor());
        Hooks.enableAutomaticContextPropagation();
        installed = true;
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
