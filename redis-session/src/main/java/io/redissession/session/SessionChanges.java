package io.redissession.session;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one commit writes: a new session, or the delta of an existing one. Built by {@link TrackedSession}.
 *
 * @param id the session id to write under
 * @param previousId the id the session had in the store before {@code changeSessionId}, or {@code null}
 * @param create whether the session does not exist in the store yet
 * @param creationTime epoch milliseconds, used when creating
 * @param lastAccessedTime epoch milliseconds, used when creating
 * @param maxInactiveInterval new timeout in seconds, or {@code null} if unchanged
 * @param writes attribute name to serialized value, to set
 * @param removals attribute names to delete
 */
public record SessionChanges(String id, String previousId, boolean create, long creationTime, long lastAccessedTime,
        Integer maxInactiveInterval, Map<String, byte[]> writes, Set<String> removals) {

    /** Copies the collections. */
    public SessionChanges {
        Objects.requireNonNull(id, "id");
        writes = Map.copyOf(writes);
        removals = Set.copyOf(removals);
    }

    /** @return whether committing these changes would write nothing */
    public boolean isEmpty() {
        return !create && previousId == null && maxInactiveInterval == null && writes.isEmpty() && removals.isEmpty();
    }
}
