package io.redissession.it;

import io.redissession.testkit.RedisTopology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Redis deployment per topology for the whole integration test run, started on first use, so that the suites
 * that run on every topology do not each pay for starting a Sentinel group and a Cluster. Suites keep apart by
 * namespace. Stopped when the test JVM exits.
 */
final class SharedTopologies {

    private static final Map<String, RedisTopology> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.values().forEach(RedisTopology::close),
                "shared-redis-topologies"));
    }

    private SharedTopologies() {
    }

    /**
     * @param name one of {@link RedisTopology#NAMES}
     * @return the running deployment of that topology
     */
    static RedisTopology get(String name) {
        return RUNNING.computeIfAbsent(name, RedisTopology::start);
    }
}
