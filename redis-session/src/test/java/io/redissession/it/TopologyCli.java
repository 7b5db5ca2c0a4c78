package io.redissession.it;

import io.redissession.testkit.RedisTopology;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A {@code redis-cli} for tests that runs each command on the master holding its key (the second argument), so
 * that the same assertions work on standalone Redis, Sentinel and Cluster.
 */
final class TopologyCli {

    private final RedisTopology topology;

    TopologyCli(RedisTopology topology) {
        this.topology = topology;
    }

    Object command(String... args) {
        return topology.connectionFor(args[1]).command(args);
    }

    Object command(byte[]... args) {
        return topology.connectionFor(new String(args[1], StandardCharsets.UTF_8)).command(args);
    }

    long integer(String... args) {
        return topology.connectionFor(args[1]).integer(args);
    }

    Map<String, byte[]> hgetall(String key) {
        return topology.connectionFor(key).hgetall(key);
    }
}
