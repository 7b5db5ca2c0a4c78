package io.redissession.serializer;

/**
 * An attribute value could not be written or read. The message names the class involved (when known) and the
 * reason, never the value.
 */
public class SerializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String className;

    /**
     * @param message what went wrong, without the value; not {@code null}
     * @param className the class of the value, or {@code null} if unknown
     * @param cause the underlying failure, or {@code null}
     */
    public SerializationException(String message, String className, Throwable cause) {
        super(message, cause);
        this.className = className;
    }

    /** @return the class of the value that failed, or {@code null} if unknown */
    public String getClassName() {
        return className;
    }
}
