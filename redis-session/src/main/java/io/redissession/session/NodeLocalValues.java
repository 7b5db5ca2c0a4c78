package io.redissession.session;

import io.redissession.events.SessionNotice;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Attribute values that cannot be serialized, kept in this node's memory only, as a container keeps a
 * non-distributable application's session (Servlet 7.7.2 lets only distributable applications refuse them). Other
 * nodes do not see them and they end with this node; every other attribute of the session is stored as usual.
 * <p>
 * An entry ends when its session is destroyed or changes id (here, or on another node as a
 * {@link SessionNotice} says), and at the latest when it was not used on this node for its session's timeout. Each
 * attribute name is reported once per filter, at WARNING. Thread-safe.
 */
public final class NodeLocalValues {

    private static final Logger LOG = Logger.getLogger(NodeLocalValues.class.getName());
    private static final long PURGE_EVERY_MILLIS = 60_000;

    private final boolean distributable;
    private final LongSupplier clock;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile long nextPurge;

    /** The values of one session, and when this node last used them. */
    private static final class Entry {
        final Map<String, Object> values = new ConcurrentHashMap<>();
        volatile long lastUsed;
        volatile int maxInactiveInterval;
    }

    /**
     * @param distributable whether the application is marked {@code <distributable/>}: it then refuses, at
     *        {@code setAttribute}, a value the serializer can never store
     * @param clock epoch milliseconds; not {@code null}
     */
    public NodeLocalValues(boolean distributable, LongSupplier clock) {
        this.distributable = distributable;
        this.clock = clock;
        this.nextPurge = clock.getAsLong() + PURGE_EVERY_MILLIS;
    }

    /** @return whether {@code setAttribute} refuses a value the serializer can never store */
    public boolean refusesUnstorable() {
        return distributable;
    }

    /**
     * Reports, once per attribute name, that a value stays on this node.
     *
     * @param name the attribute; not {@code null}
     * @param problem why it cannot be stored (session, attribute, class and reason); not {@code null}
     */
    void reportKept(String name, String problem) {
        if (reported.add(name)) {
            LOG.warning(problem + ". The value is kept in this node's memory only: other nodes do not see it and it"
                    + " is lost when this node stops; the session's other attributes are stored as usual. Make the"
                    + " class Serializable (or choose a serializer that stores it) to share it. Reported once per"
                    + " attribute name.");
        }
    }

    /**
     * @param id the session id; not {@code null}
     * @return the values kept for the session on this node (name to value), empty if none
     */
    Map<String, Object> of(String id) {
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Map.of();
        }
        entry.lastUsed = clock.getAsLong();
        return Map.copyOf(entry.values);
    }

    /**
     * Records what a commit of the session decided.
     *
     * @param previousId the id before a change committed together, or {@code null}
     * @param id the session's id; not {@code null}
     * @param maxInactiveInterval the session's timeout in seconds
     * @param kept values now kept on this node; not {@code null}
     * @param dropped names whose value is no longer kept here (stored, removed, or newer in the store); not
     *        {@code null}
     */
    void update(String previousId, String id, int maxInactiveInterval, Map<String, Object> kept,
            Set<String> dropped) {
        if (previousId != null) {
            renamed(previousId, id);
        }
        if (kept.isEmpty() && dropped.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        Entry entry = kept.isEmpty() ? sessions.get(id) : sessions.computeIfAbsent(id, key -> new Entry());
        if (entry != null) {
            entry.values.putAll(kept);
            dropped.forEach(entry.values::remove);
            entry.lastUsed = now;
            entry.maxInactiveInterval = maxInactiveInterval;
            if (entry.values.isEmpty()) {
                sessions.remove(id, entry);
            }
        }
        purgeIfDue(now);
    }

    /** @param id a destroyed session; not {@code null} */
    public void forget(String id) {
        sessions.remove(id);
    }

    /**
     * @param oldId the session's previous id; not {@code null}
     * @param newId its new id; not {@code null}
     */
    public void renamed(String oldId, String newId) {
        Entry entry = sessions.remove(oldId);
        if (entry != null) {
            sessions.merge(newId, entry, (current, moved) -> {
                current.values.putAll(moved.values);
                return current;
            });
        }
    }

    /** @param notice a destroy or id change anywhere in the cluster; not {@code null} */
    public void onNotice(SessionNotice notice) {
        if (notice.kind() == SessionNotice.Kind.ID_CHANGED) {
            renamed(notice.id(), notice.newId());
        } else {
            forget(notice.id());
        }
    }

    /** @return whether no session has values kept on this node */
    boolean isEmpty() {
        return sessions.isEmpty();
    }

    /** @return how many sessions have values kept on this node */
    public int sessionCount() {
        return sessions.size();
    }

    /** @return the names reported so far, for tests and tools */
    public Set<String> reportedNames() {
        return Collections.unmodifiableSet(reported);
    }

    /** Drops entries not used here for longer than their timeout: their session has ended or lives elsewhere. */
    private void purgeIfDue(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + PURGE_EVERY_MILLIS;
        sessions.entrySet().removeIf(e -> e.getValue().maxInactiveInterval > 0
                && e.getValue().lastUsed + e.getValue().maxInactiveInterval * 1000L < now);
    }
}
