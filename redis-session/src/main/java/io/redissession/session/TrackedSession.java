package io.redissession.session;

import io.redissession.AttributeNotSerializableException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One session as one request sees it, with the changes that request made. Attribute values are deserialized
 * lazily, on first read; unreadable values stay invisible and untouched in the store. {@link #pendingChanges}
 * turns what changed since the last commit into {@link SessionChanges}, following the {@link SaveMode}. A value
 * that cannot be serialized stays in this node's {@link NodeLocalValues} and never blocks the commit of the others.
 * <p>
 * Thread-safe: an asynchronous request may use its session from several threads.
 */
public final class TrackedSession {

    private final AttributeCodec codec;
    private final AttributeLifecycle lifecycle;
    private final NodeLocalValues local;
    private final long creationTime;
    private final long lastAccessedTime;
    private final boolean createdByThisRequest;
    /** What the store holds, as far as this request knows; the loaded map until the first change, then a copy. */
    private Map<String, byte[]> stored;
    private boolean storedCopied;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private final Set<String> set = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private final Set<String> read = new HashSet<>();
    /** Attributes stored as large values that this request has not fetched yet. */
    private final Set<String> largePending = new HashSet<>();
    /** Of {@link #largePending}, those whose values are binding listeners: replacing or removing them reads them. */
    private final Set<String> largeBinding = new HashSet<>();
    private LargeValueFetcher largeFetcher = (storedId, names) -> Map.of();
    /** Names whose current value lives in {@link #local} only. */
    private final Set<String> localNames = new HashSet<>();
    /** Names {@link #local} holds for this session although the store has a newer value. */
    private final Set<String> localStale = new HashSet<>();
    private String id;
    private String storedId;
    private int maxInactiveInterval;
    private boolean maxInactiveChanged;
    private boolean invalid;
    /** The user as the store has it, as far as this request knows. */
    private String user;
    private String newUser;
    private boolean userChanged;

    private TrackedSession(String id, String storedId, long creationTime, long lastAccessedTime,
            int maxInactiveInterval, Map<String, byte[]> stored, AttributeCodec codec, AttributeLifecycle lifecycle,
            NodeLocalValues local) {
        this.id = id;
        this.storedId = storedId;
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveInterval = maxInactiveInterval;
        this.createdByThisRequest = storedId == null;
        this.stored = stored;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.local = Objects.requireNonNull(local, "local");
    }

    /**
     * @param id a new session id; not {@code null}
     * @param now epoch milliseconds
     * @param maxInactiveInterval seconds; zero or less means never expires
     * @param codec serializes attributes; not {@code null}
     * @param lifecycle activation callbacks; not {@code null}
     * @param local where values that cannot be serialized stay; not {@code null}
     * @return a session created by the current request, not yet in the store
     */
    public static TrackedSession create(String id, long now, int maxInactiveInterval, AttributeCodec codec,
            AttributeLifecycle lifecycle, NodeLocalValues local) {
        return new TrackedSession(id, null, now, now, maxInactiveInterval, Map.of(), codec, lifecycle, local);
    }

    /**
     * @param session as loaded from the store with every value (no {@link StoredSession#largeAttributes()} left to
     *        fetch); not {@code null}
     * @param codec serializes attributes; not {@code null}
     * @param lifecycle activation callbacks; not {@code null}
     * @param local where values that cannot be serialized stay; not {@code null}
     * @return the session for the current request, with the values this node keeps for it unless the store has a
     *         newer one
     */
    public static TrackedSession load(StoredSession session, AttributeCodec codec, AttributeLifecycle lifecycle,
            NodeLocalValues local) {
        if (!session.largeAttributes().isEmpty()) {
            throw new IllegalArgumentException("load: session [" + session.id() + "] has large values to fetch; give"
                    + " a LargeValueFetcher");
        }
        return load(session, codec, lifecycle, local, (storedId, names) -> Map.of());
    }

    /**
     * @param session as loaded from the store; not {@code null}
     * @param codec serializes attributes; not {@code null}
     * @param lifecycle activation callbacks; not {@code null}
     * @param local where values that cannot be serialized stay; not {@code null}
     * @param largeFetcher reads the large values the load named but did not bring, when first read; not
     *        {@code null}
     * @return the session for the current request, with the values this node keeps for it unless the store has a
     *         newer one
     */
    public static TrackedSession load(StoredSession session, AttributeCodec codec, AttributeLifecycle lifecycle,
            NodeLocalValues local, LargeValueFetcher largeFetcher) {
        TrackedSession loaded = new TrackedSession(session.id(), session.id(), session.creationTime(),
                session.lastAccessedTime(), session.maxInactiveInterval(), session.attributes(), codec, lifecycle,
                local);
        loaded.user = session.user();
        loaded.largePending.addAll(session.largeAttributes().keySet());
        loaded.largeBinding.addAll(session.largeBindingListeners());
        loaded.largeFetcher = Objects.requireNonNull(largeFetcher, "largeFetcher");
        local.of(session.id()).forEach((name, value) -> {
            if (session.attributes().containsKey(name) || session.largeAttributes().containsKey(name)) {
                loaded.localStale.add(name);
            } else {
                loaded.values.put(name, value);
                loaded.localNames.add(name);
            }
        });
        return loaded;
    }

    /** @return the current id */
    public synchronized String id() {
        return id;
    }

    /** @return whether the current request created this session */
    public boolean isCreatedByThisRequest() {
        return createdByThisRequest;
    }

    /** @return the id the session has in the store, or {@code null} if it is not stored yet */
    public synchronized String storedId() {
        return storedId;
    }

    /** @return whether the session exists in the store (it was loaded, or a commit created it) */
    public synchronized boolean isStored() {
        return storedId != null;
    }

    /** @return epoch milliseconds */
    public long creationTime() {
        return creationTime;
    }

    /** @return epoch milliseconds of the previous request that used this session */
    public long lastAccessedTime() {
        return lastAccessedTime;
    }

    /** @return seconds; zero or less means never expires */
    public synchronized int maxInactiveInterval() {
        return maxInactiveInterval;
    }

    /** @param seconds the new timeout; zero or less means never expires */
    public synchronized void maxInactiveInterval(int seconds) {
        if (seconds != maxInactiveInterval) {
            maxInactiveInterval = seconds;
            maxInactiveChanged = true;
        }
    }

    /** @return the user the session is logged in as, including a change not committed yet; or {@code null} */
    public synchronized String user() {
        return userChanged ? newUser : user;
    }

    /** @return the user the store has for this session, as far as this request knows; or {@code null} */
    public synchronized String storedUser() {
        return user;
    }

    /** @param name the user the session now logs in as, or {@code null} for none */
    public synchronized void user(String name) {
        if (Objects.equals(name, user())) {
            return;
        }
        newUser = name;
        userChanged = !Objects.equals(name, user);
    }

    /** @return whether {@link #invalidate()} was called */
    public synchronized boolean isInvalid() {
        return invalid;
    }

    /**
     * @param name the attribute name; not {@code null}
     * @return the value, or {@code null} if absent or unreadable
     */
    public synchronized Object get(String name) {
        Object value = resolve(name);
        if (value != null) {
            read.add(name);
        }
        return value;
    }

    /**
     * @return the names of the readable attributes, and of the large ones this request has not read: those are not
     *         fetched for their names
     */
    public synchronized Set<String> names() {
        for (String name : Set.copyOf(stored.keySet())) {
            resolve(name);
        }
        if (largePending.isEmpty()) {
            return Set.copyOf(values.keySet());
        }
        Set<String> names = new HashSet<>(values.keySet());
        names.addAll(largePending);
        return Set.copyOf(names);
    }

    /** Fetches every large value not read yet, in one round trip: for work that needs all values. */
    private void fetchAllLarge() {
        if (!largePending.isEmpty()) {
            fetchLarge(Set.copyOf(largePending));
        }
    }

    private void fetchLarge(Set<String> names) {
        Map<String, byte[]> fetched = largeFetcher.fetch(storedId, names);
        largePending.removeAll(names);
        if (!fetched.isEmpty()) {
            storedForChange().putAll(fetched);
        }
    }

    /**
     * Refuses, before anything changes or any event fires, a value the serializer can never store, if the
     * application is distributable; otherwise reports (once per name) that such a value stays on this node.
     *
     * @param name the attribute name; not {@code null}
     * @param value the value; not {@code null}
     * @return whether the value can be stored
     * @throws IllegalArgumentException naming the session, the attribute and the class, in a distributable
     *         application
     */
    public boolean checkStorable(String name, Object value) {
        try {
            codec.checkType(id(), name, value);
            return true;
        } catch (IllegalArgumentException e) {
            if (local.refusesUnstorable()) {
                throw e;
            }
            local.reportKept(name, e.getMessage());
            return false;
        }
    }

    /**
     * @param name the attribute name; not {@code null}
     * @param value the new value; not {@code null}
     * @return the previous readable value, or {@code null}
     * @throws IllegalArgumentException if the serializer can never store a value of this type and the application
     *         is distributable; nothing changes
     */
    public synchronized Object put(String name, Object value) {
        return put(name, value, true);
    }

    /**
     * @param name the attribute name; not {@code null}
     * @param value the new value; not {@code null}
     * @param previousWanted whether the caller needs the previous value (for attribute listeners); without it, a
     *        large previous value not read yet is not read, unless it is a binding listener
     * @return the previous readable value, or {@code null} (also when it was not read)
     * @throws IllegalArgumentException if the serializer can never store a value of this type and the application
     *         is distributable; nothing changes
     */
    public synchronized Object put(String name, Object value, boolean previousWanted) {
        Objects.requireNonNull(value, "value");
        if (checkStorable(name, value)) {
            localNames.remove(name);
        } else {
            localNames.add(name);
        }
        Object previous = previousWanted || !skipsUnread(name) ? resolve(name) : null;
        values.put(name, value);
        unreadable.remove(name);
        set.add(name);
        removed.remove(name);
        return previous;
    }

    /**
     * @param name the attribute name; not {@code null}
     * @return the previous readable value, or {@code null}
     */
    public synchronized Object remove(String name) {
        return remove(name, true);
    }

    /**
     * @param name the attribute name; not {@code null}
     * @param previousWanted whether the caller needs the previous value, as for {@link #put(String, Object, boolean)}
     * @return the previous readable value, or {@code null} (also when it was not read)
     */
    public synchronized Object remove(String name, boolean previousWanted) {
        boolean unread = !previousWanted && skipsUnread(name);
        Object previous = unread ? null : resolve(name);
        boolean wasStored = stored.containsKey(name);
        boolean existed = values.containsKey(name) || wasStored || unread;
        values.remove(name);
        unreadable.remove(name);
        localNames.remove(name);
        if (wasStored) {
            storedForChange().remove(name);
        }
        set.remove(name);
        read.remove(name);
        if (existed) {
            removed.add(name);
        }
        return previous;
    }

    /**
     * Forgets a large value not read yet that is being replaced or removed, if nothing needs it read: no binding
     * listener. The commit then writes or deletes it without this request ever fetching it.
     *
     * @return whether the value is to be left unread
     */
    private boolean skipsUnread(String name) {
        if (values.containsKey(name) || !largePending.contains(name) || largeBinding.contains(name)) {
            return false;
        }
        largePending.remove(name);
        return true;
    }

    /**
     * Takes in the attributes the store held when the session was destroyed, so that destroy events see changes
     * other requests made since this one loaded it. Attributes this request read, set or removed keep this request's
     * view.
     *
     * @param latest attribute name to serialized value; not {@code null}
     */
    public synchronized void absorb(Map<String, byte[]> latest) {
        largePending.clear();
        for (String name : Set.copyOf(stored.keySet())) {
            if (!latest.containsKey(name) && !values.containsKey(name)) {
                storedForChange().remove(name);
                unreadable.remove(name);
            }
        }
        latest.forEach((name, bytes) -> {
            if (!values.containsKey(name) && !removed.contains(name)) {
                storedForChange().put(name, bytes);
                unreadable.remove(name);
            }
        });
    }

    /**
     * Marks the session invalid.
     *
     * @return every readable attribute, for unbinding events
     */
    public synchronized Map<String, Object> invalidate() {
        fetchAllLarge();
        names();
        invalid = true;
        local.forget(id);
        if (storedId != null) {
            local.forget(storedId);
        }
        return new LinkedHashMap<>(values);
    }

    /**
     * Gives the session a new id; the store renames it on the next commit.
     *
     * @param newId a well-formed id with the same slot tag; not {@code null}
     */
    public synchronized void changeId(String newId) {
        Objects.requireNonNull(newId, "newId");
        this.id = newId;
    }

    /**
     * @param mode which attributes to write; not {@code null}
     * @return what the next commit must write; {@link SessionChanges#isEmpty()} if nothing. A value that cannot
     *         be serialized is left out (and its stored predecessor removed): it stays on this node
     */
    public synchronized SessionChanges pendingChanges(SaveMode mode) {
        if (mode == SaveMode.ALWAYS) {
            names();
        }
        Map<String, byte[]> writes = new HashMap<>();
        Set<String> bindingListeners = new HashSet<>();
        Set<String> removals = removed;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            boolean explicit = set.contains(name);
            if (localNames.contains(name)
                    || !explicit && !(mode == SaveMode.ALWAYS || (mode == SaveMode.ON_GET && read.contains(name)))) {
                continue;
            }
            lifecycle.passivating(entry.getValue());
            byte[] bytes = encode(name, entry.getValue());
            if (bytes == null) {
                localNames.add(name);
                set.add(name);
            } else if (explicit || !java.util.Arrays.equals(bytes, stored.get(name))) {
                writes.put(name, bytes);
                if (lifecycle.bindingListener(entry.getValue())) {
                    bindingListeners.add(name);
                }
            }
        }
        for (String name : localNames) {
            if (set.contains(name) && stored.containsKey(name)) {
                removals = removals == removed ? new HashSet<>(removed) : removals;
                removals.add(name);
            }
        }
        boolean create = storedId == null;
        return new SessionChanges(id, create || storedId.equals(id) ? null : storedId, create, creationTime,
                creationTime, create || maxInactiveChanged ? maxInactiveInterval : null, writes,
                create ? Set.of() : removals, user, newUser, userChanged, bindingListeners);
    }

    /** @return the serialized value, or {@code null} (reported) if it cannot be serialized */
    private byte[] encode(String name, Object value) {
        try {
            return codec.encode(id, name, value);
        } catch (AttributeNotSerializableException e) {
            local.reportKept(name, e.getMessage());
            return null;
        }
    }

    /**
     * Records that {@code changes} (from {@link #pendingChanges}) are now in the store.
     *
     * @param changes the committed changes; not {@code null}
     */
    public synchronized void committed(SessionChanges changes) {
        if (!localNames.isEmpty() || !local.isEmpty()) {
            publishLocal(changes);
        }
        if (!changes.writes().isEmpty() || !changes.removals().isEmpty()) {
            Map<String, byte[]> copy = storedForChange();
            copy.putAll(changes.writes());
            changes.removals().forEach(copy::remove);
        }
        storedId = changes.id();
        if (changes.userChanged()) {
            user = changes.newUser();
            userChanged = !Objects.equals(newUser, user);
        } else if (!Objects.equals(user, changes.user())) {
            user = changes.user();
        }
        set.removeAll(changes.writes().keySet());
        removed.removeAll(changes.removals());
        read.clear();
        maxInactiveChanged = false;
    }

    /** Tells {@link #local} which values this commit left on this node and which it no longer holds there. */
    private void publishLocal(SessionChanges changes) {
        Map<String, Object> kept = new HashMap<>();
        for (String name : localNames) {
            if (set.contains(name)) {
                kept.put(name, values.get(name));
            }
        }
        Set<String> dropped = new HashSet<>(localStale);
        dropped.addAll(changes.writes().keySet());
        dropped.addAll(changes.removals());
        dropped.removeAll(localNames);
        local.update(changes.previousId(), changes.id(), maxInactiveInterval, kept, dropped);
        set.removeAll(localNames);
        localStale.clear();
    }

    private Map<String, byte[]> storedForChange() {
        if (!storedCopied) {
            stored = new HashMap<>(stored);
            storedCopied = true;
        }
        return stored;
    }

    private Object resolve(String name) {
        Object value = values.get(name);
        if (value != null || unreadable.contains(name)) {
            return value;
        }
        byte[] bytes = stored.get(name);
        if (bytes == null && largePending.contains(name)) {
            fetchLarge(Set.of(name));
            bytes = stored.get(name);
        }
        if (bytes == null) {
            return null;
        }
        Optional<Object> decoded = codec.decode(id, name, bytes);
        if (decoded.isEmpty()) {
            unreadable.add(name);
            return null;
        }
        values.put(name, decoded.get());
        lifecycle.activated(decoded.get());
        return decoded.get();
    }
}
