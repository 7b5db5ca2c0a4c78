package io.redissession.redis;

import io.redissession.session.StoredSession;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/** Turns a session hash as a script returns it (field, value, ...) into a {@link StoredSession}. */
final class StoredSessionReader {

    private static final Logger LOG = Logger.getLogger(StoredSessionReader.class.getName());

    private StoredSessionReader() {
    }

    /**
     * @param reply a script's multi-bulk reply
     * @return whether the script returned nil (the client hands it over as {@code null} or as {@code [null]})
     */
    static boolean isNil(List<Object> reply) {
        return reply == null || reply.isEmpty() || reply.get(0) == null;
    }

    /**
     * @param id the session id; not {@code null}
     * @param reply the script's reply; not {@code null}
     * @param from index of the first field in {@code reply}
     * @return the session, or empty (logged) if its metadata is missing or unreadable
     */
    static Optional<StoredSession> read(String id, List<Object> reply, int from) {
        Map<String, String> metadata = new HashMap<>();
        Map<String, byte[]> attributes = attributes(reply, from, metadata);
        return session(id, metadata, attributes);
    }

    /**
     * @param id the session id; not {@code null}
     * @param hash the session hash as {@code HGETALL} returns it; not {@code null}
     * @return the session, or empty (logged) if its metadata is missing or unreadable
     */
    static Optional<StoredSession> read(String id, Map<String, byte[]> hash) {
        Map<String, String> metadata = new HashMap<>();
        Map<String, byte[]> attributes = new HashMap<>();
        hash.forEach((field, value) -> sort(field, value, attributes, metadata));
        return session(id, metadata, attributes);
    }

    private static Optional<StoredSession> session(String id, Map<String, String> metadata,
            Map<String, byte[]> attributes) {
        Map<String, Integer> large = new HashMap<>();
        Set<String> bindingListeners = new HashSet<>();
        for (Map.Entry<String, String> field : metadata.entrySet()) {
            String name = KeyLayout.largeAttributeName(field.getKey());
            if (name != null && !attributes.containsKey(name)) {
                large.put(name, KeyLayout.largeValueSize(field.getValue()));
                if (field.getValue().endsWith(KeyLayout.BINDING_LISTENER_MARK)) {
                    bindingListeners.add(name);
                }
            }
        }
        try {
            String slack = metadata.get(KeyLayout.TOUCH_SLACK);
            return Optional.of(new StoredSession(id, number(metadata, KeyLayout.CREATED),
                    number(metadata, KeyLayout.LAST_ACCESSED),
                    Math.toIntExact(number(metadata, KeyLayout.MAX_INACTIVE)), attributes,
                    metadata.get(KeyLayout.USER), slack == null ? 0 : number(metadata, KeyLayout.TOUCH_SLACK),
                    large, bindingListeners));
        } catch (IllegalStateException | ArithmeticException e) {
            LOG.warning("Session [" + id + "] has unreadable metadata and is treated as absent: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param reply the script's reply; not {@code null}
     * @param from index of the first field in {@code reply}
     * @param metadata receives the metadata fields, or {@code null} to skip them
     * @return the attribute fields: name to serialized value
     */
    static Map<String, byte[]> attributes(List<Object> reply, int from, Map<String, String> metadata) {
        Map<String, byte[]> attributes = new HashMap<>();
        for (int i = from; i + 1 < reply.size(); i += 2) {
            sort(new String((byte[]) reply.get(i), StandardCharsets.UTF_8), (byte[]) reply.get(i + 1), attributes,
                    metadata);
        }
        return attributes;
    }

    /** Puts one hash field into {@code attributes} (by attribute name) or {@code metadata} (as text, unless null). */
    private static void sort(String field, byte[] value, Map<String, byte[]> attributes, Map<String, String> metadata) {
        String attribute = KeyLayout.attributeName(field);
        if (attribute != null) {
            attributes.put(attribute, value);
        } else if (metadata != null) {
            metadata.put(field, new String(value, StandardCharsets.UTF_8));
        }
    }

    private static long number(Map<String, String> metadata, String field) {
        String value = metadata.get(field);
        if (value == null) {
            throw new IllegalStateException("field [" + field + "] is missing");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("field [" + field + "] is not a number");
        }
    }
}
