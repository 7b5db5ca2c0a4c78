package io.redissession.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@link SessionMetrics} of one filter as Micrometer meters on {@link Metrics#globalRegistry}, tagged with the
 * namespace and the node. Loaded only when the web app has Micrometer ({@link MicrometerSupport}); add your
 * registry to the global one ({@code Metrics.addRegistry(registry)}, which Spring Boot does) to see them.
 */
public final class MicrometerMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    /** @param metrics the filter's metrics, bound to {@link Metrics#globalRegistry}; not {@code null} */
    public MicrometerMeters(SessionMetrics metrics) {
        this.registry = Metrics.globalRegistry;
        Tags tags = Tags.of("namespace", metrics.namespace(), "node", metrics.node());
        gauge("redis.session.active", "Live sessions of the namespace, cluster-wide", tags, metrics,
                m -> m.activeSessions());
        counter("redis.session.created", "Sessions created on this node", tags, metrics, SessionMetrics::createdCount);
        for (SessionMetrics.DestroyReason reason : SessionMetrics.DestroyReason.values()) {
            counter("redis.session.destroyed", "Sessions destroyed on this node", tags.and("reason",
                    reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')), metrics,
                    m -> m.destroyedCount(reason));
        }
        counter("redis.session.logins", "Logins admitted on this node", tags, metrics, SessionMetrics::logins);
        counter("redis.session.logins.refused", "Logins refused on this node", tags, metrics,
                SessionMetrics::loginsRefused);
        gauge("redis.session.size.max", "Largest session loaded on this node, bytes", tags, metrics,
                m -> m.sessionBytes().max());
        gauge("redis.session.size.mean", "Mean size of the sessions loaded on this node, bytes", tags, metrics,
                m -> m.sessionBytes().mean());
        gauge("redis.session.redis.latency.max", "Slowest Redis call of this node, microseconds", tags, metrics,
                m -> m.redisMicros().max());
        gauge("redis.session.redis.latency.p99", "99th percentile of this node's Redis calls, microseconds", tags,
                metrics, m -> m.redisMicros().quantile(0.99));
        counter("redis.session.redis.calls", "Redis calls of this node", tags, metrics, m -> m.redisMicros().count());
        counter("redis.session.redis.errors", "Failed Redis calls of this node", tags, metrics,
                SessionMetrics::redisErrors);
        gauge("redis.session.expiry.lateness.max", "Longest time from a deadline to its destroy event, ms", tags,
                metrics, m -> m.expiryLatenessMillis().max());
        counter("redis.session.near.cache.hits", "Session reads answered by the near cache", tags, metrics,
                m -> m.nearCache().hits());
        counter("redis.session.near.cache.misses", "Session reads the near cache sent to Redis", tags, metrics,
                m -> m.nearCache().misses());
        counter("redis.session.near.cache.invalidations", "Near cache entries dropped as changed", tags, metrics,
                m -> m.nearCache().invalidations());
        counter("redis.session.near.cache.evictions", "Near cache entries dropped for room", tags, metrics,
                m -> m.nearCache().evictions());
        counter("redis.session.near.cache.flushes", "Times the whole near cache was dropped", tags, metrics,
                m -> m.nearCache().flushes());
        gauge("redis.session.near.cache.entries", "Sessions in the near cache", tags, metrics,
                m -> m.nearCache().entries());
        gauge("redis.session.near.cache.bytes", "Estimated bytes in the near cache", tags, metrics,
                m -> m.nearCache().bytes());
    }

    private void gauge(String name, String description, Tags tags, SessionMetrics metrics,
            ToDoubleFunction<SessionMetrics> value) {
        meters.add(Gauge.builder(name, metrics, m -> {
            try {
                return value.applyAsDouble(m);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).tags(tags).strongReference(true).register(registry));
    }

    private void counter(String name, String description, Tags tags, SessionMetrics metrics,
            ToDoubleFunction<SessionMetrics> value) {
        meters.add(FunctionCounter.builder(name, metrics, value).description(description).tags(tags)
                .register(registry));
    }

    /** Removes the meters from the registry. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
