package io.redissession.session;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A session as read from the store: metadata and the still-serialized attribute values.
 *
 * @param id the session id
 * @param creationTime epoch milliseconds
 * @param lastAccessedTime epoch milliseconds of the previous request that used the session
 * @param maxInactiveInterval seconds; zero or less means never expires
 * @param attributes attribute name to serialized value; unmodifiable
 * @param user the user the session is logged in as, or {@code null}
 * @param touchSlackMillis how much later than {@code lastAccessedTime} plus the timeout the session ends: accesses
 *        within that time of the stored one were not recorded
 * @param largeAttributes names and sizes in bytes of attributes whose values were too large to come with the load:
 *        the store gives them on demand ({@link SessionRepository#largeValues}); none of them is in
 *        {@code attributes}
 * @param largeBindingListeners the names among {@code largeAttributes} whose values are
 *        {@code HttpSessionBindingListener}s: replacing or removing them must read them, to tell them
 */
public record StoredSession(String id, long creationTime, long lastAccessedTime, int maxInactiveInterval,
        Map<String, byte[]> attributes, String user, long touchSlackMillis, Map<String, Integer> largeAttributes,
        Set<String> largeBindingListeners) {

    /** Copies the collections. */
    public StoredSession {
        Objects.requireNonNull(id, "id");
        attributes = Map.copyOf(attributes);
        largeAttributes = Map.copyOf(largeAttributes);
        largeBindingListeners = Set.copyOf(largeBindingListeners);
    }

    /** A session with large values none of which is a binding listener. */
    public StoredSession(String id, long creationTime, long lastAccessedTime, int maxInactiveInterval,
            Map<String, byte[]> attributes, String user, long touchSlackMillis, Map<String, Integer> largeAttributes) {
        this(id, creationTime, lastAccessedTime, maxInactiveInterval, attributes, user, touchSlackMillis,
                largeAttributes, Set.of());
    }

    /** A session loaded whole. */
    public StoredSession(String id, long creationTime, long lastAccessedTime, int maxInactiveInterval,
            Map<String, byte[]> attributes, String user, long touchSlackMillis) {
        this(id, creationTime, lastAccessedTime, maxInactiveInterval, attributes, user, touchSlackMillis, Map.of());
    }

    /** A session whose every access was recorded. */
    public StoredSession(String id, long creationTime, long lastAccessedTime, int maxInactiveInterval,
            Map<String, byte[]> attributes, String user) {
        this(id, creationTime, lastAccessedTime, maxInactiveInterval, attributes, user, 0);
    }

    /** @return when the session times out, epoch milliseconds; {@link Long#MAX_VALUE} if it never does */
    public long deadline() {
        return maxInactiveInterval <= 0 ? Long.MAX_VALUE
                : lastAccessedTime + maxInactiveInterval * 1000L + touchSlackMillis;
    }

    /** A session without a known user. */
    public StoredSession(String id, long creationTime, long lastAccessedTime, int maxInactiveInterval,
            Map<String, byte[]> attributes) {
        this(id, creationTime, lastAccessedTime, maxInactiveInterval, attributes, null);
    }
}
