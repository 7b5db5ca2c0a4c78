package io.redissession.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns empty cluster-enabled servers into one Redis Cluster without {@code redis-cli}, with the
 * commands {@code redis-cli --cluster create} sends: a distinct config epoch per node,
 * {@code CLUSTER MEET}, {@code CLUSTER ADDSLOTS} (not ADDSLOTSRANGE, which Redis 6.2 lacks) and
 * {@code CLUSTER REPLICATE}.
 */
final class ClusterBuilder {

    private static final int SLOTS_PER_COMMAND = 1024;

    private final List<RedisServer> masters;
    private final List<RedisServer> replicas;
    private final Duration timeout;
    private final List<RedisServer> all = new ArrayList<>();
    private final Map<RedisServer, String> ids = new HashMap<>();

    private ClusterBuilder(List<RedisServer> masters, List<RedisServer> replicas, Duration timeout) {
        this.masters = masters;
        this.replicas = replicas;
        this.timeout = timeout;
        all.addAll(masters);
        all.addAll(replicas);
    }

    /**
     * Builds the cluster and waits until it serves every slot.
     *
     * @param masters the servers that get the slots, evenly, in order
     * @param replicas the replicas: replica {@code k} replicates master {@code k % masters.size()}
     * @param timeout how long each waiting step may take
     * @throws IllegalStateException if a step does not complete in time
     */
    static void build(List<RedisServer> masters, List<RedisServer> replicas, Duration timeout) {
        new ClusterBuilder(masters, replicas, timeout).build();
    }

    /** Returns the first slot of master {@code index} of {@code count}: the split {@code redis-cli} makes. */
    static int firstSlot(int index, int count) {
        return (int) Math.round(index * (double) KeySlots.SLOTS / count);
    }

    private void build() {
        for (int i = 0; i < all.size(); i++) {
            try (RedisTestConnection connection = all.get(i).connect()) {
                ids.put(all.get(i), connection.string("CLUSTER", "MYID"));
                connection.command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
            }
        }
        RedisServer first = all.get(0);
        for (RedisServer node : all.subList(1, all.size())) {
            try (RedisTestConnection connection = node.connect()) {
                connection.command("CLUSTER", "MEET", first.host(), Integer.toString(first.port()));
            }
        }
        Await.until(timeout, "all " + all.size() + " cluster nodes to know each other", this::everyNodeKnowsAll);
        for (int i = 0; i < masters.size(); i++) {
            addSlots(masters.get(i), firstSlot(i, masters.size()), firstSlot(i + 1, masters.size()));
        }
        for (int k = 0; k < replicas.size(); k++) {
            try (RedisTestConnection connection = replicas.get(k).connect()) {
                connection.command("CLUSTER", "REPLICATE", ids.get(masters.get(k % masters.size())));
            }
        }
        Await.until(timeout, "cluster_state:ok and replicas in sync on every node", this::everyNodeReady);
    }

    private static void addSlots(RedisServer master, int from, int to) {
        try (RedisTestConnection connection = master.connect()) {
            for (int start = from; start < to; start += SLOTS_PER_COMMAND) {
                List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                for (int slot = start; slot < Math.min(to, start + SLOTS_PER_COMMAND); slot++) {
                    command.add(Integer.toString(slot));
                }
                connection.command(command.toArray(String[]::new));
            }
        }
    }

    private Boolean everyNodeKnowsAll() {
        for (RedisServer node : all) {
            List<ClusterNode> view = ClusterNode.seenBy(node);
            long ready = view.stream().filter(n -> !n.isJoining() && n.isConnected()).count();
            if (ready != all.size()) {
                throw new IllegalStateException("node " + node.port() + " sees " + view);
            }
        }
        return true;
    }

    private Boolean everyNodeReady() {
        for (RedisServer node : all) {
            try (RedisTestConnection connection = node.connect()) {
                String info = connection.string("CLUSTER", "INFO");
                if (!info.contains("cluster_state:ok")) {
                    throw new IllegalStateException("node " + node.port() + " says " + info.lines().findFirst().orElse(info));
                }
                if (replicas.contains(node) && !"up".equals(connection.info("replication").get("master_link_status"))) {
                    throw new IllegalStateException("replica " + node.port() + " has its master link down");
                }
            }
            for (ClusterNode seen : ClusterNode.seenBy(node)) {
                int index = replicas.indexOf(byPort(seen.port()));
                if (index >= 0 && !ids.get(masters.get(index % masters.size())).equals(seen.masterId())) {
                    throw new IllegalStateException("node " + node.port() + " does not yet see " + seen.port() + " as replica");
                }
            }
        }
        return true;
    }

    private RedisServer byPort(int port) {
        return all.stream().filter(s -> s.port() == port).findFirst().orElse(null);
    }
}
