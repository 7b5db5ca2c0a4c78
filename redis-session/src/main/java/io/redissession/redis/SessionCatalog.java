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

    /**
     * A session as a listing shows it.
     *
     * @param id the session id
     * @param user its user, or {@code null}
     * @param created creation time, epoch milliseconds
     * @param lastAccessed last access time, epoch milliseconds
     * @param maxInactiveInterval timeout in seconds, zero or less for never
     * @param memoryBytes what its hash costs Redis ({@code MEMORY USAGE}), bytes
     */
    public record Summary(String id, String user, long created, long lastAccessed, int maxInactiveInterval,
            long memoryBytes) {
    }

    /**
     * Which sessions a listing wants.
     *
     * @param user only this user's sessions (from the user's index), or {@code null} for all
     * @param idleSince only sessions last used at or before this time, epoch milliseconds ({@code Long.MAX_VALUE}
     *        for any)
     * @param minBytes only sessions of at least this {@code MEMORY USAGE} (0 for any)
     * @param limit the most sessions to return, at least 1
     */
    public record Query(String user, long idleSince, long minBytes, int limit) {

        /** Checks the limit. */
        public Query {
            if (limit < 1) {
                throw new IllegalArgumentException("the limit must be at least 1, not " + limit);
            }
        }

        /** @return a query for every session, up to {@code limit} */
        public static Query all(int limit) {
            return new Query(null, Long.MAX_VALUE, 0, limit);
        }

        boolean matches(Summary session) {
            return session.lastAccessed() <= idleSince && session.memoryBytes() >= minBytes;
        }
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
     * @param sizeDistribution how many sampled sessions fall in each size range, smallest first
     */
    public record Stats(long sessions, long neverExpiring, long overdue, int sampled, long bytesP50, long bytesP90,
            long bytesP99, long bytesMax, Map<String, Long> attributeBytes, List<SizeBucket> sizeDistribution) {
    }

    /**
     * A range of session sizes.
     *
     * @param upTo the largest size in the range, bytes ({@code MEMORY USAGE}); {@code -1} for the last, open range
     * @param sessions how many sampled sessions it holds
     */
    public record SizeBucket(long upTo, long sessions) {
    }

    /** The upper bounds of the size ranges: 512 B to 1 MiB, doubling; then one open range. */
    private static final long[] SIZE_BOUNDS = {512, 1 << 10, 2 << 10, 4 << 10, 8 << 10, 16 << 10, 32 << 10,
        64 << 10, 128 << 10, 256 << 10, 512 << 10, 1 << 20};

    /**
     * The sessions created and destroyed in one minute, over all nodes.
     *
     * @param minute the minute, epoch milliseconds of its start
     * @param created sessions created
     * @param destroyed sessions destroyed, by reason ({@code invalidated}, {@code expired}, {@code logged-out},
     *        {@code forced-logout})
     */
    public record Minute(long minute, long created, Map<String, Long> destroyed) {

        /** @return the sessions destroyed for any reason */
        public long destroyedTotal() {
            return destroyed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** How many sessions a listing reads in one pipelined batch. */
    private static final int PAGE = 500;

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
     * Lists the sessions of a namespace that match a query. Keys are found with {@code SCAN} (never {@code KEYS}),
     * or from the user's index, and read in pipelined pages of 500 ({@code HMGET} of the metadata and
     * {@code MEMORY USAGE}); the scan stops as soon as {@code limit} sessions matched, so memory and Redis work stay
     * bounded by the page, not by the number of sessions.
     *
     * @param namespace the namespace; not {@code null}
     * @param query which sessions; not {@code null}
     * @return the sessions found, in no particular order
     */
    public List<Summary> list(String namespace, Query query) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        List<Summary> found = new ArrayList<>();
        List<String> page = new ArrayList<>();
        if (query.user() != null) {
            for (byte[] member : connector.commands().zrange(keys.userIndexKey(query.user()), 0, -1)) {
                String id = new String(member, StandardCharsets.UTF_8);
                if (SessionIds.isWellFormed(id)) {
                    page.add(id);
                }
            }
            readPage(keys, page, query, found);
            return found;
        }
        String prefix = keys.sessionKeyPattern().substring(0, keys.sessionKeyPattern().length() - 1);
        connector.scanKeys(keys.sessionKeyPattern(), key -> {
            String rest = key.substring(prefix.length());
            String id = rest.length() > 6 && rest.charAt(0) == '{' && rest.charAt(5) == '}'
                    ? rest.substring(1, 5) + rest.substring(6) : null;
            if (id != null && SessionIds.isWellFormed(id)) {
                page.add(id);
            }
            if (page.size() == PAGE) {
                readPage(keys, page, query, found);
                page.clear();
            }
            return found.size() < query.limit();
        });
        if (found.size() < query.limit()) {
            readPage(keys, page, query, found);
        }
        return found;
    }

    /** Reads the metadata of a page of ids, pipelined, adding the matching sessions to {@code found}. */
    private void readPage(KeyLayout keys, List<String> ids, Query query, List<Summary> found) {
        for (int from = 0; from < ids.size() && found.size() < query.limit(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
            List<RedisFuture<List<KeyValue<String, byte[]>>>> metadata = new ArrayList<>();
            List<RedisFuture<Long>> usage = new ArrayList<>();
            List<RedisFuture<Long>> largeUsage = new ArrayList<>();
            for (String id : page) {
                metadata.add(async.hmget(keys.sessionKey(id), KeyLayout.USER, KeyLayout.CREATED,
                        KeyLayout.LAST_ACCESSED, KeyLayout.MAX_INACTIVE, KeyLayout.ENDED_BY, KeyLayout.TOUCH_SLACK));
                usage.add(async.memoryUsage(keys.sessionKey(id)));
                largeUsage.add(async.memoryUsage(keys.largeValuesKey(id)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < page.size(); i++) {
                List<KeyValue<String, byte[]>> fields = await(metadata.get(i), deadline);
                Long bytes = sum(await(usage.get(i), deadline), await(largeUsage.get(i), deadline));
                if (!fields.get(2).hasValue() || found.size() == query.limit() || !isLive(number(fields.get(2)),
                        number(fields.get(3)), number(fields.get(5)), fields.get(4).hasValue())) {
                    continue; // gone meanwhile, ended, a logout marker, or not a session
                }
                Summary session = new Summary(page.get(i), text(fields.get(0)), number(fields.get(1)),
                        number(fields.get(2)), (int) number(fields.get(3)), bytes == null ? 0 : bytes);
                if (query.matches(session)) {
                    found.add(session);
                }
            }
        }
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
        if (sample > 0) {
            connector.scanKeys(keys.sessionKeyPattern(), key -> {
                sampledKeys.add(key);
                return sampledKeys.size() < sample;
            });
        }
        List<RedisFuture<Long>> usage = new ArrayList<>();
        List<RedisFuture<Long>> largeUsage = new ArrayList<>();
        List<RedisFuture<Map<String, byte[]>>> hashes = new ArrayList<>();
        for (String key : sampledKeys) {
            usage.add(async.memoryUsage(key));
            largeUsage.add(async.memoryUsage(keys.largeValuesKeyOf(key)));
            hashes.add(async.hgetall(key));
        }
        deadline = System.nanoTime() + timeout.toNanos();
        List<Long> sizes = new ArrayList<>();
        Map<String, Long> attributeBytes = new java.util.HashMap<>();
        for (int i = 0; i < sampledKeys.size(); i++) {
            Long bytes = sum(await(usage.get(i), deadline), await(largeUsage.get(i), deadline));
            Map<String, byte[]> hash = await(hashes.get(i), deadline);
            if (bytes == null || !hash.containsKey(KeyLayout.LAST_ACCESSED)) {
                continue;
            }
            sizes.add(bytes);
            hash.forEach((field, value) -> {
                String name = KeyLayout.attributeName(field.getBytes(StandardCharsets.UTF_8));
                String large = KeyLayout.largeAttributeName(field);
                if (name != null) {
                    attributeBytes.merge(name, (long) value.length, Long::sum);
                } else if (large != null) {
                    attributeBytes.merge(large, (long) KeyLayout.largeValueSize(new String(value,
                            StandardCharsets.UTF_8)), Long::sum);
                }
            });
        }
        java.util.Collections.sort(sizes);
        Map<String, Long> top = new LinkedHashMap<>();
        attributeBytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return new Stats(sessions, neverExpiring, late, sizes.size(), percentile(sizes, 0.5), percentile(sizes, 0.9),
                percentile(sizes, 0.99), sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1), top, distribution(sizes));
    }

    private static List<SizeBucket> distribution(List<Long> sizes) {
        long[] counts = new long[SIZE_BOUNDS.length + 1];
        for (long size : sizes) {
            int bucket = 0;
            while (bucket < SIZE_BOUNDS.length && size > SIZE_BOUNDS[bucket]) {
                bucket++;
            }
            counts[bucket]++;
        }
        List<SizeBucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new SizeBucket(i < SIZE_BOUNDS.length ? SIZE_BOUNDS[i] : -1, counts[i]));
        }
        return buckets;
    }

    /**
     * Reads the namespace's per-minute activity, which every node adds its counts to every 10 s.
     *
     * @param namespace the namespace; not {@code null}
     * @param minutes how many minutes, the current one last (at most 120: older ones are not kept)
     * @return one entry per minute, oldest first; minutes without activity count zero
     */
    public List<Minute> activity(String namespace, int minutes) {
        if (minutes < 1 || minutes > 120) {
            throw new IllegalArgumentException("activity: minutes must be between 1 and 120, not " + minutes);
        }
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        long last = System.currentTimeMillis() / 60_000;
        RedisClusterAsyncCommands<String, byte[]> async = connector.asyncCommands();
        List<RedisFuture<Map<String, byte[]>>> hashes = new ArrayList<>();
        for (long minute = last - minutes + 1; minute <= last; minute++) {
            hashes.add(async.hgetall(keys.activityKey(minute)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Minute> found = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            Map<String, byte[]> hash = await(hashes.get(i), deadline);
            Map<String, Long> destroyed = new LinkedHashMap<>();
            for (String reason : ActivityLog.FIELDS.subList(1, ActivityLog.FIELDS.size())) {
                destroyed.put(reason, number(hash.get(reason)));
            }
            found.add(new Minute((last - minutes + 1 + i) * 60_000, number(hash.get("created")), destroyed));
        }
        return found;
    }

    private static long percentile(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1,
                Math.ceil(quantile * sorted.size()) - 1));
    }

    /**
     * @param namespace the namespace; not {@code null}
     * @param id a session id; not {@code null}
     * @return the session, or {@code null} if there is none or it ended (past its deadline, or ended by the tool)
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public Detail show(String namespace, String id) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        RedisClusterCommands<String, byte[]> commands = connector.commands();
        Map<String, byte[]> hash = commands.hgetall(keys.sessionKey(id));
        Long memory = sum(commands.memoryUsage(keys.sessionKey(id)), commands.memoryUsage(keys.largeValuesKey(id)));
        if (hash.isEmpty() || !hash.containsKey(KeyLayout.LAST_ACCESSED) || !isLive(number(hash.get(
                KeyLayout.LAST_ACCESSED)), number(hash.get(KeyLayout.MAX_INACTIVE)),
                number(hash.get(KeyLayout.TOUCH_SLACK)), hash.containsKey(KeyLayout.ENDED_BY))) {
            return null;
        }
        Map<String, Integer> attributes = new TreeMap<>();
        Map<String, String> other = new TreeMap<>();
        long bytes = 0;
        for (Map.Entry<String, byte[]> field : hash.entrySet()) {
            bytes += field.getKey().length() + field.getValue().length;
            String name = KeyLayout.attributeName(field.getKey().getBytes(StandardCharsets.UTF_8));
            String large = KeyLayout.largeAttributeName(field.getKey());
            if (name != null) {
                attributes.put(name, field.getValue().length);
            } else if (large != null) {
                int size = KeyLayout.largeValueSize(new String(field.getValue(), StandardCharsets.UTF_8));
                attributes.put(large, size);
                bytes += size;
            } else if (!List.of(KeyLayout.USER, KeyLayout.CREATED, KeyLayout.LAST_ACCESSED, KeyLayout.MAX_INACTIVE,
                    KeyLayout.TOUCH_SLACK).contains(field.getKey())) {
                other.put(field.getKey(), new String(field.getValue(), StandardCharsets.UTF_8));
            }
        }
        Summary summary = new Summary(id, text(hash.get(KeyLayout.USER)), number(hash.get(KeyLayout.CREATED)),
                number(hash.get(KeyLayout.LAST_ACCESSED)), (int) number(hash.get(KeyLayout.MAX_INACTIVE)),
                memory == null ? 0 : memory);
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
        Map<String, byte[]> fields = new java.util.HashMap<>(connector.commands().hgetall(keys.sessionKey(id)));
        fields.putAll(connector.commands().hgetall(keys.largeValuesKey(id)));
        fields.forEach((field, value) -> {
            String name = KeyLayout.attributeName(field.getBytes(StandardCharsets.UTF_8));
            if (name != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    /**
     * @return whether a stored session is live as the filter sees it: not ended by the tool and not past its
     *         deadline (by this machine's clock; its expiry may still be on its way to a node's listeners)
     */
    /** @return the memory of a session hash plus that of its large-values hash, or null if the first is gone */
    private static Long sum(Long session, Long large) {
        return session == null ? null : session + (large == null ? 0 : large);
    }

    private static boolean isLive(long lastAccessed, long maxInactiveSeconds, long touchSlack, boolean ended) {
        return !ended && (maxInactiveSeconds <= 0
                || lastAccessed + maxInactiveSeconds * 1000 + touchSlack > System.currentTimeMillis());
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
