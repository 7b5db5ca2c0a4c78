package io.redissession.it;

import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;

import java.util.List;
import java.util.Map;

/**
 * The probe app at {@code /app} on Tomcat, Jetty and Undertow, on one shared Redis topology, with a
 * {@link TopologyCli} to inspect what the filter stored.
 */
final class ProbeDeployment implements AutoCloseable {

    final RedisTopology redis;
    final TopologyCli redisCli;
    final List<ServletContainer> containers;
    private final String namespace;

    private ProbeDeployment(String namespace, RedisTopology redis) {
        this.namespace = namespace;
        this.redis = redis;
        this.redisCli = new TopologyCli(redis);
        this.containers = ProbeApp.startAll(ProbeApp.spec("/app", redis.uri(), Map.of("sessionNamespace", namespace)));
    }

    /**
     * @param namespace the session namespace, unique per suite
     * @param topology one of {@link RedisTopology#NAMES}; the deployment is shared (see {@link SharedTopologies})
     */
    static ProbeDeployment start(String namespace, String topology) {
        return new ProbeDeployment(namespace, SharedTopologies.get(topology));
    }

    ServletContainer container(String kind) {
        return containers.stream().filter(c -> c.name().equals(kind)).findFirst().orElseThrow();
    }

    /** @return the URL of a probe action on one container */
    String url(String kind, String path) {
        return container(kind).baseUrl() + "/app/probe/" + path;
    }

    /** @return the Redis key of a session of this deployment's namespace */
    String key(String id) {
        return ProbeApp.sessionKey(namespace, id);
    }

    /** Stops the containers; the shared Redis keeps running. */
    @Override
    public void close() {
        ProbeApp.closeAll(containers);
    }
}
