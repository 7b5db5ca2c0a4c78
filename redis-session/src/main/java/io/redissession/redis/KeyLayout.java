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
    /**
     * Field: milliseconds the session may outlive its last access plus its timeout, because accesses within that
     * time of the stored one are not recorded (the {@code touchShare} of the timeout); absent means 0. The
     * session's deadline is {@code lastAccessed + maxInactiveInterval * 1000 + touchSlack}.
     */
    public static final String TOUCH_SLACK = "touchSlack";
    /** Field: timeout in seconds; zero or less means never. */
    public static final String MAX_INACTIVE = "maxInactiveInterval";
    /** Field present while a node delivers the session's expiry: that node's name. */
    public static final String DESTROYING_BY = "destroyingBy";
    /** Field present while a node delivers the session's expiry: when its claim lapses, epoch milliseconds. */
    public static final String DESTROYING_UNTIL = "destroyingUntil";
    /**
     * Field set when the operator tool ended the session by moving its deadline to now: {@code invalidated} or
     * {@code forced-logout}, the reason its destroy notice and the metrics give.
     */
    public static final String ENDED_BY = "endedBy";
    /** Field: the user the session is logged in as, when known. */
    public static final String USER = "user";
    /**
     * The only field of the marker left under a session's key when a login policy or a forced logout ended it:
     * {@code logged-out} or {@code forced-logout}.
     */
    public static final String LOGGED_OUT = "loggedOut";
    /**
     * Field: with the near cache, the count of the session's writes made on a near cache's connection; the browser
     * gets the count of its last write in a cookie, and a node's copy serves it only if it shows at least as many.
     */
    public static final String STAMP = "stamp";
    /** Prefix of attribute fields. */
    public static final String ATTRIBUTE_PREFIX = "attr:";
    /**
     * Prefix of the session hash's fields naming its large attributes: {@code large:<name>} = the size of the
     * value in bytes, which is kept in the session's large-values hash under {@code attr:<name>}.
     */
    public static final String LARGE_PREFIX = "large:";

    private final String sessionKeyPrefix;
    private final String largeKeyPrefix;
    private final String expiryKeyPrefix;
    private final String destroyedKeyPrefix;
    private final String destroyedLargeKeyPrefix;
    private final String noticeChannel;
    private final String userKeyPrefix;
    private final String activityKeyPrefix;
    private final String sweepLeaseKey;

    /**
     * @param keyPrefix first part of every key; not {@code null}
     * @param namespace the session namespace; not {@code null}
     */
    public KeyLayout(String keyPrefix, String namespace) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(namespace, "namespace");
        this.sessionKeyPrefix = keyPrefix + ":" + namespace + ":session:";
        this.largeKeyPrefix = keyPrefix + ":" + namespace + ":large:";
        this.expiryKeyPrefix = keyPrefix + ":" + namespace + ":expiries:";
        this.destroyedKeyPrefix = keyPrefix + ":" + namespace + ":destroyed:";
        this.destroyedLargeKeyPrefix = keyPrefix + ":" + namespace + ":destroyed-large:";
        this.noticeChannel = keyPrefix + ":" + namespace + ":notices";
        this.userKeyPrefix = keyPrefix + ":" + namespace + ":user:";
        this.activityKeyPrefix = keyPrefix + ":" + namespace + ":activity:";
        this.sweepLeaseKey = keyPrefix + ":" + namespace + ":sweeper";
    }

    /**
     * @param user a user name; not {@code null}, not empty
     * @return the key of the sorted set of that user's sessions, {@code <prefix>:<namespace>:user:{<user>}} with
     *         {@code %}, braces, spaces and control characters of the name percent-encoded (UTF-8), so that the whole
     *         name is the hash tag: one user's index is one key in one Cluster slot
     */
    public String userIndexKey(String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("userIndexKey: the user name is empty");
        }
        StringBuilder key = new StringBuilder(userKeyPrefix.length() + user.length() + 2).append(userKeyPrefix)
                .append('{');
        for (byte b : user.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '%' || c == '{' || c == '}' || c <= ' ' || c == 0x7f) {
                key.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                key.append((char) c);
            }
        }
        // non-ASCII bytes were appended as chars 0x80-0xff: rebuild them as UTF-8 text
        String text = key.append('}').toString();
        byte[] raw = new byte[text.length()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) text.charAt(i);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * @param key a key from {@link #userIndexKey}; not {@code null}
     * @return the user name it belongs to
     * @throws IllegalArgumentException if the key is not a user index key of this namespace
     */
    public String userOfIndexKey(String key) {
        if (!key.startsWith(userKeyPrefix + "{") || !key.endsWith("}")) {
            throw new IllegalArgumentException("userOfIndexKey: [" + key + "] is not a user index key");
        }
        byte[] encoded = key.substring(userKeyPrefix.length() + 1, key.length() - 1).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            if (encoded[i] == '%' && i + 2 < encoded.length) {
                decoded.write(Integer.parseInt(new String(encoded, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                decoded.write(encoded[i]);
            }
        }
        return decoded.toString(StandardCharsets.UTF_8);
    }

    /** @return the pattern matching every user index key of the namespace, for {@code SCAN} */
    public String userIndexKeyPattern() {
        return userKeyPrefix + "*";
    }

    /** @return the string key holding the name of the node that sweeps the namespace's expiries, with a TTL */
    public String sweepLeaseKey() {
        return sweepLeaseKey;
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @return the key of the session's hash
     * @throws IllegalArgumentException if the id is not well-formed (no key is ever built from a hostile id)
     */
    public String sessionKey(String id) {
        return taggedKey(sessionKeyPrefix, id, "sessionKey");
    }

    /** @return {@code prefix{<tag>}<secret>} of a well-formed id, in the id's Cluster slot */
    private static String taggedKey(String prefix, String id, String method) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException(method + ": session id [" + id + "] is not well-formed");
        }
        return prefix + "{" + SessionIds.tagOf(id) + "}" + SessionIds.secretOf(id);
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
     * @return the key of the hash of the session's large attribute values, {@code <prefix>:<namespace>:large:
     *         {<tag>}<secret>}: same hash tag as the session, so in the same Cluster slot
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public String largeValuesKey(String id) {
        return taggedKey(largeKeyPrefix, id, "largeValuesKey");
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @param token the destroying call's token: letters and digits; not {@code null}
     * @return the key under which that call leaves the session hash for a short while,
     *         {@code <prefix>:<namespace>:destroyed:{<tag>}<secret>:<token>}, so that it can tell, if its reply was
     *         lost, whether it destroyed the session and with which fields
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public String destroyedKey(String id, String token) {
        return taggedKey(destroyedKeyPrefix, id, "destroyedKey") + ":" + token;
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @param token the destroying call's token; not {@code null}
     * @return the key of the destroyed copy of the session's large-values hash,
     *         {@code <prefix>:<namespace>:destroyed-large:{<tag>}<secret>:<token>}
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public String destroyedLargeKey(String id, String token) {
        return taggedKey(destroyedLargeKeyPrefix, id, "destroyedLargeKey") + ":" + token;
    }

    /**
     * @param sessionKey a session key of this namespace; not {@code null}
     * @return the key of its large-values hash
     */
    public String largeValuesKeyOf(String sessionKey) {
        if (!sessionKey.startsWith(sessionKeyPrefix)) {
            throw new IllegalArgumentException("largeValuesKeyOf: [" + sessionKey + "] is not a session key of "
                    + sessionKeyPrefix + "*");
        }
        return largeKeyPrefix + sessionKey.substring(sessionKeyPrefix.length());
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @return the keys of a script that changes a session and its expiry index entry: the session hash, its index
     *         shard and its large-values hash (same hash tag)
     */
    public String[] sessionAndIndexKeys(String id) {
        return new String[] {sessionKey(id), expiryIndexKey(id), largeValuesKey(id)};
    }

    /**
     * @param id a well-formed session id; not {@code null}
     * @param token the destroying call's token; not {@code null}
     * @return the keys of {@code destroy.lua}: those of {@link #sessionAndIndexKeys}, then the destroyed copies of
     *         the session hash and of its large-values hash (same hash tag)
     */
    public String[] destroyKeys(String id, String token) {
        return new String[] {sessionKey(id), expiryIndexKey(id), largeValuesKey(id), destroyedKey(id, token),
            destroyedLargeKey(id, token)};
    }

    /**
     * @param shard a shard number, {@code 0 <= shard < SessionIds.SHARDS}
     * @return the key of that shard of the expiry index
     */
    public String expiryIndexKey(int shard) {
        return expiryKeyPrefix + "{" + SessionIds.shardTag(shard) + "}";
    }

    /**
     * @param epochMinute a minute, counted from the epoch
     * @return the key of the hash of that minute's session counts, {@code <prefix>:<namespace>:activity:<minute>}:
     *         fields {@code created}, {@code invalidated}, {@code expired}, {@code logged-out},
     *         {@code forced-logout}, added to by every node
     */
    public String activityKey(long epochMinute) {
        return activityKeyPrefix + epochMinute;
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
        return attributeName(new String(field, StandardCharsets.UTF_8));
    }

    /**
     * @param field a hash field; not {@code null}
     * @return the attribute name, or {@code null} if the field is metadata
     */
    public static String attributeName(String field) {
        return field.startsWith(ATTRIBUTE_PREFIX) ? field.substring(ATTRIBUTE_PREFIX.length()) : null;
    }

    /**
     * @param name an attribute name; not {@code null}
     * @return the session hash's field recording that the attribute's value is in the large-values hash
     */
    public static String largeField(String name) {
        return LARGE_PREFIX + name;
    }

    /**
     * @param field a session hash field; not {@code null}
     * @return the name of the large attribute it records, or {@code null} if it records none
     */
    public static String largeAttributeName(String field) {
        return field.startsWith(LARGE_PREFIX) ? field.substring(LARGE_PREFIX.length()) : null;
    }

    /** The end of a {@code large:<name>} field's value when the value is an {@code HttpSessionBindingListener}. */
    public static final String BINDING_LISTENER_MARK = ";binding";

    /**
     * @param marker the value of a {@code large:<name>} field: the value's size in bytes, followed by
     *        {@link #BINDING_LISTENER_MARK} when the value is a binding listener; not {@code null}
     * @return the size, or 0 if unreadable
     */
    public static int largeValueSize(String marker) {
        int end = marker.indexOf(';');
        try {
            return Integer.parseInt(end < 0 ? marker : marker.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
