package io.redissession.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.redissession.redis.KeyLayout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads, through Lettuce and {@code SCAN}, what Redis holds for one namespace on any topology: the live sessions of
 * each user (the truth) and the user index (what the filter keeps), so that a test can compare them.
 */
final class UserIndexInspector implements AutoCloseable {

    private final AutoCloseable client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;
    private final KeyLayout keys;
    private final String sessionPrefix;
    private final io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String> cluster;

    UserIndexInspector(String redisUri, String namespace) {
        keys = new KeyLayout("redis-session", namespace);
        sessionPrefix = "redis-session:" + namespace + ":session:";
        if (redisUri.startsWith("redis-cluster://")) {
            List<RedisURI> seeds = new java.util.ArrayList<>();
            for (String seed : redisUri.substring("redis-cluster://".length()).split(",")) {
                seeds.add(RedisURI.create("redis://" + seed));
            }
            RedisClusterClient cluster = RedisClusterClient.create(seeds);
            var open = cluster.connect(StringCodec.UTF8);
            client = cluster::shutdown;
            connection = open;
            commands = open.sync();
            this.cluster = open;
        } else {
            RedisClient single = RedisClient.create(RedisURI.create(redisUri));
            var open = single.connect(StringCodec.UTF8);
            client = single::shutdown;
            connection = open;
            commands = open.sync();
            this.cluster = null;
        }
    }

    /** @return user to the ids of the sessions Redis holds for them (usable: metadata, not being destroyed) */
    Map<String, Set<String>> liveByUser() {
        Map<String, Set<String>> live = new HashMap<>();
        for (String key : scan(sessionPrefix + "*")) {
            List<io.lettuce.core.KeyValue<String, String>> fields = commands.hmget(key, KeyLayout.USER,
                    KeyLayout.LAST_ACCESSED, KeyLayout.DESTROYING_BY);
            if (fields.get(0).hasValue() && fields.get(1).hasValue() && !fields.get(2).hasValue()) {
                String rest = key.substring(sessionPrefix.length());
                String id = rest.substring(1, 5) + rest.substring(6);
                live.computeIfAbsent(fields.get(0).getValue(), u -> new HashSet<>()).add(id);
            }
        }
        return live;
    }

    /** @return user to the ids their index holds, as stored */
    Map<String, Set<String>> indexByUser() {
        Map<String, Set<String>> index = new HashMap<>();
        for (String key : scan(keys.userIndexKeyPattern())) {
            Set<String> ids = new HashSet<>(commands.zrange(key, 0, -1));
            if (!ids.isEmpty()) {
                index.put(keys.userOfIndexKey(key), ids);
            }
        }
        return index;
    }

    /** @return how many sessions Redis holds (usable: metadata, not being destroyed), with or without a user */
    long liveCount() {
        long count = 0;
        for (String key : scan(sessionPrefix + "*")) {
            List<io.lettuce.core.KeyValue<String, String>> fields = commands.hmget(key, KeyLayout.LAST_ACCESSED,
                    KeyLayout.DESTROYING_BY);
            count += fields.get(0).hasValue() && !fields.get(1).hasValue() ? 1 : 0;
        }
        return count;
    }

    /** Writes an entry into a user's index, as a node that died between two steps leaves it. */
    void addEntry(String user, long score, String id) {
        commands.zadd(keys.userIndexKey(user), score, id);
    }

    /** Writes a string under the key of a session id, as something other than the filter might. */
    void setString(String id, String value) {
        commands.set(sessionPrefix + "{" + id.substring(0, 4) + "}" + id.substring(4), value);
    }

    /** @return the ids a user's index holds, as stored */
    Set<String> entries(String user) {
        return new HashSet<>(commands.zrange(keys.userIndexKey(user), 0, -1));
    }

    /**
     * Makes the entries that are not live sessions of their user look old (score 2 minutes ago), as they are once
     * the login grace has passed.
     *
     * @return how many entries were aged
     */
    int ageStaleEntries(Map<String, Set<String>> live) {
        int aged = 0;
        long old = System.currentTimeMillis() - 120_000;
        for (Map.Entry<String, Set<String>> user : indexByUser().entrySet()) {
            for (String id : user.getValue()) {
                if (!live.getOrDefault(user.getKey(), Set.of()).contains(id)) {
                    commands.zadd(keys.userIndexKey(user.getKey()), old, id);
                    aged++;
                }
            }
        }
        return aged;
    }

    /**
     * @return how many sessions are past their deadline (the stored access plus the timeout and its touch slack, as
     *         the expiry index has it), by Redis's clock to the millisecond, and not destroyed yet
     */
    long expiredNotSwept() {
        List<String> time = commands.time();
        long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        long count = 0;
        for (String key : scan(sessionPrefix + "*")) {
            List<io.lettuce.core.KeyValue<String, String>> fields = commands.hmget(key, KeyLayout.LAST_ACCESSED,
                    KeyLayout.MAX_INACTIVE, KeyLayout.TOUCH_SLACK);
            if (fields.get(0).hasValue() && fields.get(1).hasValue()) {
                long max = Long.parseLong(fields.get(1).getValue());
                long slack = fields.get(2).hasValue() ? Long.parseLong(fields.get(2).getValue()) : 0;
                if (max > 0 && Long.parseLong(fields.get(0).getValue()) + max * 1000 + slack <= now) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Scans every master that serves slots (on a Cluster; a failed master keeps its entry but serves none). */
    private Set<String> scan(String pattern) {
        Set<String> found = new HashSet<>();
        if (cluster == null) {
            scanInto(commands, pattern, found);
            return found;
        }
        cluster.getPartitions().forEach(node -> {
            if (!node.getSlots().isEmpty() && !node.is(io.lettuce.core.cluster.models.partitions.RedisClusterNode
                    .NodeFlag.FAIL)) {
                scanInto(cluster.getConnection(node.getNodeId()).sync(), pattern, found);
            }
        });
        return found;
    }

    private static void scanInto(io.lettuce.core.api.sync.RedisKeyCommands<String, String> node, String pattern,
            Set<String> found) {
        ScanIterator<String> iterator = ScanIterator.scan(node, ScanArgs.Builder.matches(pattern).limit(1000));
        while (iterator.hasNext()) {
            found.add(iterator.next());
        }
    }

    @Override
    public void close() {
        connection.close();
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the Redis client failed", e);
        }
    }
}
