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
 * @param user the user as the store has it, as far as this request knows, or {@code null} for none
 * @param newUser with {@code userChanged}, the user to record, or {@code null} to clear it
 * @param userChanged whether the session's user changes
 * @param bindingListeners the names among {@code writes} whose values are {@code HttpSessionBindingListener}s
 */
public record SessionChanges(String id, String previousId, boolean create, long creationTime, long lastAccessedTime,
        Integer maxInactiveInterval, Map<String, byte[]> writes, Set<String> removals, String user, String newUser,
        boolean userChanged, Set<String> bindingListeners) {

    /** Copies the collections. */
    public SessionChanges {
        Objects.requireNonNull(id, "id");
        writes = Map.copyOf(writes);
        removals = Set.copyOf(removals);
        bindingListeners = Set.copyOf(bindingListeners);
    }

    /** Changes none of whose values is a binding listener. */
    public SessionChanges(String id, String previousId, boolean create, long creationTime, long lastAccessedTime,
            Integer maxInactiveInterval, Map<String, byte[]> writes, Set<String> removals, String user, String newUser,
            boolean userChanged) {
        this(id, previousId, create, creationTime, lastAccessedTime, maxInactiveInterval, writes, removals, user,
                newUser, userChanged, Set.of());
    }

    /** Changes that leave the user as it is. */
    public SessionChanges(String id, String previousId, boolean create, long creationTime, long lastAccessedTime,
            Integer maxInactiveInterval, Map<String, byte[]> writes, Set<String> removals) {
        this(id, previousId, create, creationTime, lastAccessedTime, maxInactiveInterval, writes, removals, null,
                null, false);
    }

    /** @return whether committing these changes would write nothing */
    public boolean isEmpty() {
        return !create && previousId == null && maxInactiveInterval == null && writes.isEmpty() && removals.isEmpty()
                && !userChanged;
    }

    /** @return the user the session has once these changes are written, or {@code null} */
    public String userAfter() {
        return userChanged ? newUser : user;
    }

    /**
     * @param storedUser the user the store turned out to have, or {@code null}
     * @return these changes, knowing that user
     */
    public SessionChanges knowingUser(String storedUser) {
        return new SessionChanges(id, previousId, create, creationTime, lastAccessedTime, maxInactiveInterval, writes,
                removals, storedUser, newUser, userChanged, bindingListeners);
    }
}
