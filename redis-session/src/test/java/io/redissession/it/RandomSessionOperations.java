package io.redissession.it;

import io.redissession.testkit.Browser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random session operations from 4 threads and 150 browsers over several nodes of one namespace (creations, logins as
 * 12 users {@code user0..user11}, id changes, invalidations, 1 s timeouts), with something done to the deployment
 * half-way; then the check that the index of each user's sessions is exact.
 */
final class RandomSessionOperations {

    private static final int USERS = 12;

    private final List<String> apps;

    /** @param apps the base URL of the app on each node, such as {@code http://127.0.0.1:8081/free} */
    RandomSessionOperations(List<String> apps) {
        this.apps = List.copyOf(apps);
    }

    /**
     * @param operations how many requests
     * @param halfWay what happens when half of them were sent (a node or a Redis master stops)
     * @param lastNodeGoes whether the last node stops then: its requests may fail, and none go to it afterwards
     * @return how many requests of each kind were sent
     */
    Map<String, Integer> run(int operations, Runnable halfWay, boolean lastNodeGoes) throws Exception {
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            browsers.add(new Browser());
        }
        Map<String, Integer> done = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                Random random = new Random(42 + worker);
                workers.add(pool.submit(() -> {
                    int op;
                    while ((op = sent.incrementAndGet()) <= operations) {
                        if (op == operations / 2) {
                            halfWay.run();
                        }
                        boolean gone = lastNodeGoes && op >= operations / 2;
                        int node = random.nextInt(gone ? apps.size() - 1 : apps.size());
                        boolean mayFail = lastNodeGoes && node == apps.size() - 1;
                        String path = switch (random.nextInt(10)) {
                            case 0, 1 -> "/probe/counter";
                            case 2, 3, 4 -> "/probe/login?user=user" + random.nextInt(USERS);
                            case 5, 6 -> "/probe/change-id";
                            case 7 -> "/probe/invalidate";
                            case 8 -> "/probe/timeout?seconds=1";
                            default -> "/probe/user";
                        };
                        Browser browser = browsers.get(random.nextInt(browsers.size()));
                        try {
                            Browser.Response response = browser.get(apps.get(node) + path);
                            assertTrue(response.status() == 200 || mayFail, path + ": " + response.body());
                        } catch (RuntimeException e) {
                            if (!mayFail) {
                                throw e;
                            }
                        }
                        done.merge(path.replaceAll("\\?.*", ""), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done;
    }

    /**
     * Once the expiries are delivered: no live session is missing from its user's index, {@code sessionsOf} returns
     * exactly the live sessions, and after the stale entries are aged past the grace and repaired, each stored index
     * equals its user's live sessions.
     *
     * @return how many stale entries were aged
     */
    static int assertIndexExact(String redisUri, String namespace, Map<String, Integer> done) throws Exception {
        try (UserIndexInspector redisView = new UserIndexInspector(redisUri, namespace)) {
            long deadline = System.currentTimeMillis() + 30_000;
            Thread.sleep(1500);
            long overdue = redisView.expiredNotSwept();
            while (overdue > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                overdue = redisView.expiredNotSwept();
            }
            assertEquals(0, overdue, "every expiry was delivered");
            Map<String, Set<String>> live = redisView.liveByUser();
            live.keySet().removeIf(user -> !user.startsWith("user"));
            assertTrue(live.size() > 3, "the run logged sessions in: " + live.keySet());
            for (int user = 0; user < USERS; user++) {
                String name = "user" + user;
                Set<String> stored = redisView.entries(name);
                assertTrue(stored.containsAll(live.getOrDefault(name, Set.of())), name + ": no live session missing");
                assertEquals(live.getOrDefault(name, Set.of()), new HashSet<>(SessionsMBeans.sessionsOf(namespace,
                        name)), name);
            }
            int aged = redisView.ageStaleEntries(live);
            SessionsMBeans.repairUserIndexes(namespace);
            Map<String, Set<String>> index = new HashMap<>(redisView.indexByUser());
            index.keySet().removeIf(user -> !user.startsWith("user"));
            assertEquals(live, index, "the stored index, user by user, after " + done + "; " + aged
                    + " stale entries were aged past the grace and repaired");
            return aged;
        }
    }
}
