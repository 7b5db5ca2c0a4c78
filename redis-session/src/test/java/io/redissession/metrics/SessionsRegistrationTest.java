package io.redissession.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The JMX names filters of one namespace take in one JVM, one after another and all at once. */
class SessionsRegistrationTest {

    private static Sessions sessions(String namespace) {
        return new Sessions(new SessionMetrics(namespace, "node-1", () -> 0), new NoOperations());
    }

    @Test
    void eachFilterOfANamespaceTakesTheFirstFreeNameAndAFourthGetsNone() throws Exception {
        List<ObjectName> names = new ArrayList<>();
        try {
            names.add(sessions("one-after-another").register("/shop", "node-1"));
            names.add(sessions("one-after-another").register("/shop", "node-1"));
            names.add(sessions("one-after-another").register("/shop", "node-1"));
            assertEquals(List.of(
                    new ObjectName("io.redissession:type=Sessions,namespace=\"one-after-another\""),
                    new ObjectName("io.redissession:type=Sessions,namespace=\"one-after-another\",context=\"/shop\""),
                    new ObjectName("io.redissession:type=Sessions,namespace=\"one-after-another\",context=\"/shop\","
                            + "node=\"node-1\"")), names);
            assertNull(sessions("one-after-another").register("/shop", "node-1"), "every name is taken");
        } finally {
            names.forEach(Sessions::unregister);
        }
    }

    @Test
    void webAppsStartingInParallelEachGetAName() throws Exception {
        String[] contexts = {"/session1", "/session2", "/session3"};
        ExecutorService pool = Executors.newFixedThreadPool(contexts.length);
        try {
            for (int round = 0; round < 200; round++) {
                String namespace = "parallel-" + round;
                CyclicBarrier start = new CyclicBarrier(contexts.length);
                List<Future<ObjectName>> registered = new ArrayList<>();
                for (String context : contexts) {
                    Sessions view = sessions(namespace);
                    registered.add(pool.submit(() -> {
                        start.await();
                        return view.register(context, "node-1");
                    }));
                }
                Set<ObjectName> names = new HashSet<>();
                for (Future<ObjectName> future : registered) {
                    ObjectName name = future.get();
                    assertNotNull(name, "round " + round + ": a filter got no JMX name");
                    names.add(name);
                }
                names.forEach(Sessions::unregister);
                assertEquals(contexts.length, names.size(), "round " + round + ": " + names);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The operations are not called by registration. */
    private static final class NoOperations implements SessionOperations {
        @Override
        public int logout(String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean invalidate(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> sessionsOf(String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int repairUserIndexes() {
            throw new UnsupportedOperationException();
        }
    }
}
