package io.redissession.session;

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
 * turns what changed since the last commit into {@link SessionChanges}, following the {@link SaveMode}.
 * <p>
 * Thread-safe: an asynchronous request may use its session from several threads.
 */
public final class TrackedSession {

    private final AttributeCodec codec;
    private final AttributeLifecycle lifecycle;
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
    private String id;
    private String storedId;
    private int maxInactiveInterval;
    private boolean maxInactiveChanged;
    private boolean invalid;

    private TrackedSession(String id, String storedId, long creationTime, long lastAccessedTime,
            int maxInactiveInterval, Map<String, byte[]> stored, AttributeCodec codec, AttributeLifecycle lifecycle) {
        this.id = id;
        this.storedId = storedId;
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveInterval = maxInactiveInterval;
        this.createdByThisRequest = storedId == null;
        this.stored = stored;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * @param id a new session id; not {@code null}
     * @param now epoch milliseconds
     * @param maxInactiveInterval seconds; zero or less means never expires
     * @param codec serializes attributes; not {@code null}
     * @param lifecycle activation callbacks; not {@code null}
     * @return a session created by the current request, not yet in the store
     */
    public static TrackedSession create(String id, long now, int maxInactiveInterval, AttributeCodec codec,
            AttributeLifecycle lifecycle) {
        return new TrackedSession(id, null, now, now, maxInactiveInterval, Map.of(), codec, lifecycle);
    }

    /**
     * @param session as loaded from the store; not {@code null}
     * @param codec serializes attributes; not {@code null}
     * @param lifecycle activation callbacks; not {@code null}
     * @return the session for the current request
     */
    public static TrackedSession load(StoredSession session, AttributeCodec codec, AttributeLifecycle lifecycle) {
        return new TrackedSession(session.id(), session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveInterval(), session.attributes(), codec, lifecycle);
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

    /** @return the names of the readable attributes */
    public synchronized Set<String> names() {
        for (String name : Set.copyOf(stored.keySet())) {
            resolve(name);
        }
        return Set.copyOf(values.keySet());
    }

    /**
     * Refuses, before anything changes or any event fires, a value the serializer can never store.
     *
     * @param name the attribute name; not {@code null}
     * @param value the value; not {@code null}
     * @throws IllegalArgumentException naming the session, the attribute and the class
     */
    public void checkStorable(String name, Object value) {
        codec.checkType(id(), name, value);
    }

    /**
     * @param name the attribute name; not {@code null}
     * @param value the new value; not {@code null}
     * @return the previous readable value, or {@code null}
     * @throws IllegalArgumentException if the serializer can never store a value of this type; nothing changes
     */
    public synchronized Object put(String name, Object value) {
        Objects.requireNonNull(value, "value");
        codec.checkType(id, name, value);
        Object previous = resolve(name);
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
        Object previous = resolve(name);
        boolean wasStored = stored.containsKey(name);
        boolean existed = values.containsKey(name) || wasStored;
        values.remove(name);
        unreadable.remove(name);
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
     * Forgets this request's change to one attribute: its stored value, if any, becomes current again. Used when
     * the value set by the request cannot be serialized, so that later commits are not blocked by it.
     *
     * @param name the attribute name; not {@code null}
     */
    public synchronized void discard(String name) {
        values.remove(name);
        unreadable.remove(name);
        set.remove(name);
        read.remove(name);
    }

    /**
     * Takes in the attributes the store held when the session was destroyed, so that destroy events see changes
     * other requests made since this one loaded it. Attributes this request read, set or removed keep this request's
     * view.
     *
     * @param latest attribute name to serialized value; not {@code null}
     */
    public synchronized void absorb(Map<String, byte[]> latest) {
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
        names();
        invalid = true;
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
     * @return what the next commit must write; {@link SessionChanges#isEmpty()} if nothing
     * @throws io.redissession.AttributeNotSerializableException if a value cannot be serialized
     */
    public synchronized SessionChanges pendingChanges(SaveMode mode) {
        if (mode == SaveMode.ALWAYS) {
            names();
        }
        Map<String, byte[]> writes = new HashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            boolean explicit = set.contains(name);
            if (!explicit && !(mode == SaveMode.ALWAYS || (mode == SaveMode.ON_GET && read.contains(name)))) {
                continue;
            }
            lifecycle.passivating(entry.getValue());
            byte[] bytes = codec.encode(id, name, entry.getValue());
            if (explicit || !java.util.Arrays.equals(bytes, stored.get(name))) {
                writes.put(name, bytes);
            }
        }
        boolean create = storedId == null;
        return new SessionChanges(id, create || storedId.equals(id) ? null : storedId, create, creationTime,
                creationTime, create || maxInactiveChanged ? maxInactiveInterval : null, writes,
                create ? Set.of() : removed);
    }

    /**
     * Records that {@code changes} (from {@link #pendingChanges}) are now in the store.
     *
     * @param changes the committed changes; not {@code null}
     */
    public synchronized void committed(SessionChanges changes) {
        Map<String, byte[]> copy = storedForChange();
        copy.putAll(changes.writes());
        changes.removals().forEach(copy::remove);
        storedId = changes.id();
        set.removeAll(changes.writes().keySet());
        removed.removeAll(changes.removals());
        read.clear();
        maxInactiveChanged = false;
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
