package io.redissession.it;

import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index of each user's sessions stays exact when a Redis Cluster master is killed (SIGKILL) half-way through
 * 3,000 random session operations on Tomcat, Jetty and Undertow: requests wait out the failover, and no step of a
 * change is lost in a way that leaves a logged-in session outside its user's index. Every write, to the sessions and
 * to the index, is acknowledged by a replica ({@code writeAckReplicas=1}; two replicas per master, so that the new
 * master still has one): without it a master's crash may lose any acknowledged write, index steps included.
 */
class LoginControlFailoverIT {

    @Test
    void theIndexStaysExactThroughAMasterKilledMidWay() throws Exception {
        String namespace = "login-failover";
        try (RedisClusterNodes cluster = RedisClusterNodes.start(3, 2)) {
            List<ServletContainer> containers = ProbeApp.startAll(ProbeApp.spec("/free", cluster.seedUri(),
                    Map.of("sessionNamespace", namespace, "failoverWait", "15s",
                    "writeAckReplicas", "1")));
            try {
                List<String> apps = new ArrayList<>();
                containers.forEach(container -> apps.add(container.baseUrl() + "/free"));
                long start = System.nanoTime();
                Map<String, Integer> done = new RandomSessionOperations(apps).run(3000,
                        () -> cluster.killMaster(0), false);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                cluster.awaitFailover(Duration.ofSeconds(40));
                int aged = RandomSessionOperations.assertIndexExact(cluster.seedUri(), namespace, done);
                System.out.printf("LOGIN INDEX FAILOVER: %s in %d ms, a master killed after 1500; the index exact,"
                        + " %d stale entries left to the repair%n", done, elapsed, aged);
            } finally {
                ProbeApp.closeAll(containers);
            }
        }
    }
}
