package io.redissession.serializer;

/**
 * Turns one session attribute value into bytes stored in Redis, and back.
 * <p>
 * This is the plug-in point for custom formats: an implementation needs a public no-argument constructor (or is
 * built by the filter for the built-in names {@code jdk} and {@code json}) and must be thread-safe, since one
 * instance serves every request of a web app. Implementations must never put the attribute value itself in an
 * exception message: values may hold personal data or credentials.
 */
public interface AttributeSerializer {

    /**
     * Serializes one attribute value.
     *
     * @param value the attribute value, never {@code null}
     * @return the bytes to store, never {@code null}
     * @throws SerializationException if the value cannot be written (for example, not {@link java.io.Serializable})
     */
    byte[] serialize(Object value);

    /**
     * A quick check, made when the application sets an attribute, that {@link #serialize} will accept the value's
     * type, so an unsuitable value is refused at once rather than when the request ends. Only the value itself is
     * checked, not the objects it refers to.
     *
     * @param value the attribute value, never {@code null}
     * @throws SerializationException if the value's type can never be serialized
     */
    default void checkType(Object value) {
    }

    /**
     * Reads one attribute value.
     *
     * @param data the stored bytes, never {@code null}
     * @param classLoader the web application's class loader, used to resolve classes; never {@code null}
     * @return the value, never {@code null}
     * @throws SerializationException if the bytes cannot be read: corrupt, class missing, or type refused
     */
    Object deserialize(byte[] data, ClassLoader classLoader);
}
