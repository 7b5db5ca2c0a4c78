package io.redissession.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.redissession.session.SessionIds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only views of the sessions Redis holds, for operators' tools: the namespaces present with their counts, the
 * sessions of a namespace (found with {@code SCAN}, never {@code KEYS}) and one session's metadata and attribute
 * sizes. Values are never decoded here.
 */
public final class SessionCatalog {

    /** A session as a listing shows it. */
    public record Summary(String id, String user, long created, long lastAccessed, int maxInactiveInterval) {
    }

    /**
     * One session in detail.
     *
     * @param summary its metadata
     * @param attributeBytes each attribute's serialized size, by name
     * @param otherFields fields that are neither metadata nor attributes (an expiry being delivered)
     * @param bytes the sum of the hash's field names and values
     */
    public record Detail(Summary summary, Map<String, Integer> attributeBytes, Map<String, String> otherFields,
            long bytes) {
    }

    /**
     * The health and size of a namespace.
     *
     * @param sessions live sessions (entries of the expiry index)
     * @param neverExpiring those without a timeout
     * @param overdue entries more than 5 s past their deadline: the expiry sweep lags, or no node runs
     * @param sampled how many sessions the sizes below were measured on
     * @param bytesP50 median of the sampled sessions' {@code MEMORY USAGE}, bytes
     * @param bytesP90 90th percentile, bytes
     * @param bytesP99 99th percentile, bytes
     * @param bytesMax largest, bytes
     * @param attributeBytes the attributes with the most bytes over the sample, largest first
     */
    public record Stats(long sessions, long neverExpiring, long overdue, int sampled, long bytesP50, long bytesP90,
            long bytesP99, long bytesMax, Map<String, Long> attributeBytes) {
    }

    private final RedisConnector connector;
    private final String keyPrefix;
    private final Duration timeout;

    /**
     * @param connector the connection; not {@code null}
     * @param keyPrefix the first part of every key ({@code keyPrefix} setting); not {@code null}
     * @param timeout the command timeout
     */
    public SessionCatalog(RedisConnector connector, String keyPrefix, Duration timeout) {
        this.connector = connector;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
    }

    /**
     * @return each namespace that has sessions, with its live session count (the sizes of its expiry index shards),
     *         in name order
     */
    public Map<String, Long> namespaces() {
        String prefix = keyPrefix + ":";
        String marker = ":expiries:{";
        Map<String, List<String>> shards = new TreeMap<>();
        for (String key : connector.scanKeys(prefix + "*" + marker + "*")) {
            int at = key.lastIndexOf(marker);
            if (at > prefix.length()) {
                shards.computeIfAbsent(key.substring(prefix.length(), at), n -> new ArrayList<>()).add(key);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, List<String>> namespace : shards.entrySet()) {
            List<RedisFuture<Long>> sizes = new ArrayList<>();
            namespace.getValue().forEach(key -> sizes.add(async.zcard(key)));
            long total = 0;
            for (RedisFuture<Long> size : sizes) {
                total += await(size, deadline);
            }
            counts.put(namespace.getKey(), total);
        }
        return counts;
    }

    /**
     * Lists the sessions of a namespace, reading keys with {@code SCAN} and their metadata pipelined.
     *
     * @param namespace the namespace; not {@code null}
     * @param user only this user's sessions (from the user's index), or {@code null} for all
     * @param limit the most sessions to return
     * @return the sessions found, in no particular order
     */
    public List<Summary> list(String namespace, String user, int limit) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        List<String> ids = new ArrayList<>();
        if (user != null) {
            for (byte[] member : connector.commands().zrange(keys.userIndexKey(user), 0, -1)) {
                String id = new String(member, StandardCharsets.UTF_8);
                if (SessionIds.isWellFormed(id)) {
                    ids.add(id);
                }
            }
        } else {
            String prefix = keys.sessionKeyPattern().substring(0, keys.sessionKeyPattern().length() - 1);
            for (String key : connector.scanKeys(keys.sessionKeyPattern())) {
                String rest = key.substring(prefix.length());
                if (rest.length() > 6 && rest.charAt(0) == '{' && rest.charAt(5) == '}') {
                    ids.add(rest.substring(1, 5) + rest.substring(6));
                }
            }
        }
        List<Summary> found = new ArrayList<>();
        for (int from = 0; from < ids.size() && found.size() < limit; from += 500) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + 500));
            RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
            List<RedisFuture<List<KeyValue<String, byte[]>>>> metadata = new ArrayList<>();
            for (String id : page) {
                metadata.add(async.hmget(keys.sessionKey(id), KeyLayout.USER, KeyLayout.CREATED,
                        KeyLayout.LAST_ACCESSED, KeyLayout.MAX_INACTIVE));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < page.size() && found.size() < limit; i++) {
                List<KeyValue<String, byte[]>> fields = await(metadata.get(i), deadline);
                if (!fields.get(2).hasValue()) {
                    continue; // gone meanwhile, a logout marker, or not a session
                }
                found.add(new Summary(page.get(i), text(fields.get(0)), number(fields.get(1)),
                        number(fields.get(2)), (int) number(fields.get(3))));
            }
        }
        return found;
    }

    /**
     * Measures a namespace: counts from the 256 expiry index shards ({@code ZCARD}, {@code ZCOUNT}, pipelined), sizes
     * from {@code MEMORY USAGE} and {@code HGETALL} of up to {@code sample} sessions found with {@code SCAN}.
     *
     * @param namespace the namespace; not {@code null}
     * @param sample the most sessions to measure
     * @return the figures
     */
    public Stats stats(String namespace, int sample) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
        long overdueBefore = System.currentTimeMillis() - 5000;
        List<RedisFuture<Long>> all = new ArrayList<>();
        List<RedisFuture<Long>> never = new ArrayList<>();
        List<RedisFuture<Long>> overdue = new ArrayList<>();
        for (int shard = 0; shard < SessionIds.SHARDS; shard++) {
            String key = keys.expiryIndexKey(shard);
            all.add(async.zcard(key));
            never.add(async.zcount(key, io.lettuce.core.Range.create(Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY)));
            overdue.add(async.zcount(key, io.lettuce.core.Range.from(io.lettuce.core.Range.Boundary.unbounded(),
                    io.lettuce.core.Range.Boundary.including((double) overdueBefore))));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long sessions = 0;
        long neverExpiring = 0;
        long late = 0;
        for (int shard = 0; shard < SessionIds.SHARDS; shard++) {
            sessions += await(all.get(shard), deadline);
            neverExpiring += await(never.get(shard), deadline);
            late += await(overdue.get(shard), deadline);
        }
        List<String> sampledKeys = new ArrayList<>();
        for (String key : connector.scanKeys(keys.sessionKeyPattern())) {
            if (sampledKeys.size() == sample) {
                break;
            }
            sampledKeys.add(key);
        }
        List<RedisFuture<Long>> usage = new ArrayList<>();
        List<RedisFuture<Map<String, byte[]>>> hashes = new ArrayList<>();
        for (String key : sampledKeys) {
            usage.add(async.memoryUsage(key));
            hashes.add(async.hgetall(key));
        }
        deadline = System.nanoTime() + timeout.toNanos();
        List<Long> sizes = new ArrayList<>();
        Map<String, Long> attributeBytes = new java.util.HashMap<>();
        for (int i = 0; i < sampledKeys.size(); i++) {
            Long bytes = await(usage.get(i), deadline);
            Map<String, byte[]> hash = await(hashes.get(i), deadline);
            if (bytes == null || !hash.containsKey(KeyLayout.LAST_ACCESSED)) {
                continue;
            }
            sizes.add(bytes);
            hash.forEach((field, value) -> {
                String name = KeyLayout.attributeName(field.getBytes(StandardCharsets.UTF_8));
                if (name != null) {
                    attributeBytes.merge(name, (long) value.length, Long::sum);
                }
            });
        }
        java.util.Collections.sort(sizes);
        Map<String, Long> top = new LinkedHashMap<>();
        attributeBytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return new Stats(sessions, neverExpiring, late, sizes.size(), percentile(sizes, 0.5), percentile(sizes, 0.9),
                percentile(sizes, 0.99), sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1), top);
    }

    private static long percentile(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1,
                Math.ceil(quantile * sorted.size()) - 1));
    }

    /**
     * @param namespace the namespace; not {@code null}
     * @param id a session id; not {@code null}
     * @return the session, or {@code null} if there is none
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public Detail show(String namespace, String id) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        RedisClusterCommands<String, byte[]> commands = connector.commands();
        Map<String, byte[]> hash = commands.hgetall(keys.sessionKey(id));
        if (hash.isEmpty() || !hash.containsKey(KeyLayout.LAST_ACCESSED)) {
            return null;
        }
        Map<String, Integer> attributes = new TreeMap<>();
        Map<String, String> other = new TreeMap<>();
        long bytes = 0;
        for (Map.Entry<String, byte[]> field : hash.entrySet()) {
            bytes += field.getKey().length() + field.getValue().length;
            String name = KeyLayout.attributeName(field.getKey().getBytes(StandardCharsets.UTF_8));
            if (name != null) {
                attributes.put(name, field.getValue().length);
            } else if (!List.of(KeyLayout.USER, KeyLayout.CREATED, KeyLayout.LAST_ACCESSED, KeyLayout.MAX_INACTIVE)
                    .contains(field.getKey())) {
                other.put(field.getKey(), new String(field.getValue(), StandardCharsets.UTF_8));
            }
        }
        Summary summary = new Summary(id, text(hash.get(KeyLayout.USER)), number(hash.get(KeyLayout.CREATED)),
                number(hash.get(KeyLayout.LAST_ACCESSED)), (int) number(hash.get(KeyLayout.MAX_INACTIVE)));
        return new Detail(summary, attributes, other, bytes);
    }

    /**
     * @param namespace the namespace; not {@code null}
     * @param id a session id; not {@code null}
     * @return the serialized value of each attribute, by name
     */
    public Map<String, byte[]> values(String namespace, String id) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        Map<String, byte[]> values = new TreeMap<>();
        connector.commands().hgetall(keys.sessionKey(id)).forEach((field, value) -> {
            String name = KeyLayout.attributeName(field.getBytes(StandardCharsets.UTF_8));
            if (name != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    private <T> T await(RedisFuture<T> future, long deadline) {
        return PipelinedReplies.await(future, deadline, "read sessions", timeout);
    }

    private static String text(KeyValue<String, byte[]> field) {
        return field.hasValue() ? new String(field.getValue(), StandardCharsets.UTF_8) : null;
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static long number(KeyValue<String, byte[]> field) {
        return field.hasValue() ? number(field.getValue()) : 0;
    }

    private static long number(byte[] value) {
        try {
            return value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
