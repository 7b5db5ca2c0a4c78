package io.redissession.it;

import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RespConnection;
import io.redissession.testkit.ServletContainer;

import java.util.List;
import java.util.Map;

/** One Redis and the probe app at {@code /app} on Tomcat, Jetty and Undertow, with a Redis connection to inspect. */
final class ProbeDeployment implements AutoCloseable {

    final RedisServer redis;
    final RespConnection redisCli;
    final List<ServletContainer> containers;
    private final String namespace;

    private ProbeDeployment(String namespace) {
        this.namespace = namespace;
        this.redis = RedisServer.start();
        this.redisCli = redis.connect();
        this.containers = ProbeApp.startAll(ProbeApp.spec("/app", redis, Map.of("sessionNamespace", namespace)));
    }

    static ProbeDeployment start(String namespace) {
        return new ProbeDeployment(namespace);
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

    @Override
    public void close() {
        ProbeApp.closeAll(containers);
        redisCli.close();
        redis.close();
    }
}
