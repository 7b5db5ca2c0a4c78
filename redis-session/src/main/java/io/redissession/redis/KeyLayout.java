package io.redissession.redis;

import io.redissession.session.SessionIds;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Every Redis key and hash field name this library uses, in one place (documented in {@code docs/data-layout.md}).
 * <p>
 * A session is one hash, {@code <prefix>:<namespace>:session:{<tag>}<secret>}, where {@code <tag><secret>} is the
 * session id: the id's slot tag is the key's hash tag, so a session keeps its Cluster slot when its id changes.
 * Metadata fields have plain names; each attribute is a field {@code attr:<name>}.
 * <p>
 * The expiry index is sharded by the same tag: {@code <prefix>:<namespace>:expiries:{<tag>}} is a sorted set of the
 * ids of that shard, scored by a time at or before their deadline, so a script can update a session and its index
 * entry together. Cross-node notices go to the channel {@code <prefix>:<namespace>:notices}.
 */
public final class KeyLayout {

    /** Field: creation time, epoch milliseconds. */
    public static final String CREATED = "created";
    /** Field: time of the latest request that used the session, epoch milliseconds. */
    public static final String LAST_ACCESSED = "lastAccessed";
    /** Field: timeout in seconds; zero or less means never. */
    public static final String MAX_INACTIVE = "maxInactiveInterval";
    /** Field present while a node delivers the session's expiry: that node's name. */
    public static final String DESTROYING_BY = "destroyingBy";
    /** Field present while a node delivers the session's expiry: when its claim lapses, epoch milliseconds. */
    public static final String DESTROYING_UNTIL = "destroyingUntil";
    /** Prefix of attribute fields. */
    public static final String ATTRIBUTE_PREFIX = "attr:";

    private final String sessionKeyPrefix;
    private final String expiryKeyPrefix;
    private final String noticeChannel;

    /**
     * @param keyPrefix first part of every key; not {@code null}
     * @param namespace the session namespace; not {@code null}
     */
    public KeyLayout(String keyPrefix, String namespace) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(namespace, "namespace");
        this.sessionKeyPrefix = keyPrefix + ":" + namespace + ":session:";
        this.expiryKeyPrefix = keyPrefix + ":" + namespace + ":expiries:";
        this.noticeChannel = keyPrefix + ":" + namespace + ":notices";
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @return the key of the session's hash
     * @throws IllegalArgumentException if the id is not well-formed (no key is ever built from a hostile id)
     */
    public String sessionKey(String id) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException("sessionKey: session id [" + id + "] is not well-formed");
        }
        return sessionKeyPrefix + "{" + SessionIds.tagOf(id) + "}" + SessionIds.secretOf(id);
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @return the key of the expiry index shard that holds the session
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public String expiryIndexKey(String id) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException("expiryIndexKey: session id [" + id + "] is not well-formed");
        }
        return expiryKeyPrefix + "{" + SessionIds.tagOf(id) + "}";
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @return the keys of a script that changes a session and its expiry index entry: the session hash, then its
     *         index shard (same hash tag)
     */
    public String[] sessionAndIndexKeys(String id) {
        return new String[] {sessionKey(id), expiryIndexKey(id)};
    }

    /**
     * @param shard a shard number, {@code 0 <= shard < SessionIds.SHARDS}
     * @return the key of that shard of the expiry index
     */
    public String expiryIndexKey(int shard) {
        return expiryKeyPrefix + "{" + SessionIds.shardTag(shard) + "}";
    }

    /** @return the pub/sub channel of the namespace's cross-node notices */
    public String noticeChannel() {
        return noticeChannel;
    }

    /** @return the pattern matching every session key of the namespace, for {@code SCAN} */
    public String sessionKeyPattern() {
        return sessionKeyPrefix + "*";
    }

    /**
     * @param name an attribute name; not {@code null}
     * @return its hash field
     */
    public static String attributeField(String name) {
        return ATTRIBUTE_PREFIX + name;
    }

    /**
     * @param field a hash field as bytes; not {@code null}
     * @return the attribute name, or {@code null} if the field is metadata
     */
    public static String attributeName(byte[] field) {
        String text = new String(field, StandardCharsets.UTF_8);
        return text.startsWith(ATTRIBUTE_PREFIX) ? text.substring(ATTRIBUTE_PREFIX.length()) : null;
    }
}
