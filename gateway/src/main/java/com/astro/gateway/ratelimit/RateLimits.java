package com.astro.gateway.ratelimit;

import java.util.EnumMap;
import java.util.Map;

import com.astro.common.ratelimit.Budget;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One Bucket4j token bucket per caller and route class, held in memory by this gateway instance.
 * A caller unseen for a whole refill period would have a full bucket anyway, so its bucket is dropped.
 */
final class RateLimits {

    private final Map<RouteClass, Buckets> classes = new EnumMap<>(RouteClass.class);

    RateLimits(RateLimitProperties properties) {
        long maxCallers = properties.maxTrackedCallers();
        classes.put(RouteClass.SESSION_START, new Buckets(properties.sessionStart(), maxCallers));
        classes.put(RouteClass.WRITES, new Buckets(properties.writes(), maxCallers));
        classes.put(RouteClass.READS, new Buckets(properties.reads(), maxCallers));
        classes.put(RouteClass.SOCKET_HANDSHAKES, new Buckets(properties.socketHandshakes(), maxCallers));
        classes.put(RouteClass.ANONYMOUS, new Buckets(properties.anonymous(), maxCallers));
    }

    /** Spends one request of the caller's budget in the class; the probe says whether one was left, and when the next will be. */
    ConsumptionProbe spend(RouteClass routeClass, String caller) {
        return classes.get(routeClass).of(caller).tryConsumeAndReturnRemaining(1);
    }

    private record Buckets(Budget budget, Cache<String, Bucket> byCaller) {

        Buckets(Budget budget, long maxCallers) {
            this(budget, Caffeine.newBuilder().expireAfterAccess(budget.period()).maximumSize(maxCallers).build());
        }

        Bucket of(String caller) {
            return byCaller.get(caller, ignored -> budget.newBucket());
        }
    }
}
