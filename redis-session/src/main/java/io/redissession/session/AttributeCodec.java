package io.redissession.session;

import io.redissession.AttributeNotSerializableException;
import io.redissession.serializer.AttributeSerializer;
import io.redissession.serializer.SerializationException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serializes attribute values with the configured {@link AttributeSerializer} and the web application's class
 * loader. A value that cannot be read is reported once per session and attribute (with the session id, the
 * attribute name and the cause, never the value) and is then treated as absent.
 */
public final class AttributeCodec {

    private static final Logger LOG = Logger.getLogger(AttributeCodec.class.getName());
    private static final int REMEMBERED_FAILURES = 10_000;

    private final AttributeSerializer serializer;
    private final ClassLoader classLoader;
    private final Set<String> reported = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_FAILURES;
                }
            }));

    /**
     * @param serializer the serializer; not {@code null}
     * @param classLoader the web application's class loader; not {@code null}
     */
    public AttributeCodec(AttributeSerializer serializer, ClassLoader classLoader) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * @param sessionId the session, for messages; not {@code null}
     * @param name the attribute, for messages; not {@code null}
     * @param bytes the stored value; not {@code null}
     * @return the value, or empty if it cannot be read (reported once)
     */
    public Optional<Object> decode(String sessionId, String name, byte[] bytes) {
        try {
            return Optional.of(serializer.deserialize(bytes, classLoader));
        } catch (SerializationException | LinkageError e) {
            String className = e instanceof SerializationException se ? se.getClassName() : null;
            boolean first = reported.add(sessionId + '\u0000' + name);
            LOG.log(first ? Level.WARNING : Level.FINE, "Session [" + sessionId + "] attribute [" + name + "]"
                    + (className == null ? "" : " of class [" + className + "]") + " cannot be read and is ignored"
                    + " (kept in Redis until the application overwrites it): " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Refuses, before anything changes, a value whose type the serializer can never write.
     *
     * @param sessionId the session, for messages; not {@code null}
     * @param name the attribute, for messages; not {@code null}
     * @param value the value; not {@code null}
     * @throws IllegalArgumentException naming the session, the attribute, the class and the reason
     */
    public void checkType(String sessionId, String name, Object value) {
        try {
            serializer.checkType(value);
        } catch (SerializationException e) {
            throw new IllegalArgumentException("setAttribute: Session [" + sessionId + "] attribute [" + name
                    + "] of class [" + value.getClass().getName() + "] cannot be stored: " + e.getMessage(), e);
        }
    }

    /**
     * @param sessionId the session, for messages; not {@code null}
     * @param name the attribute, for messages; not {@code null}
     * @param value the value; not {@code null}
     * @return the serialized value
     * @throws AttributeNotSerializableException if the serializer refuses the value
     */
    public byte[] encode(String sessionId, String name, Object value) {
        try {
            return serializer.serialize(value);
        } catch (SerializationException e) {
            throw new AttributeNotSerializableException(sessionId, name, value.getClass().getName(), e.getMessage(),
                    e);
        }
    }
}
