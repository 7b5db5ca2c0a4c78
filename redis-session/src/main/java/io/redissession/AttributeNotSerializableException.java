package io.redissession;

/**
 * An attribute value set by the application cannot be written with the configured serializer. The filter does not
 * let it reach the application: it keeps such a value on the node that set it (see {@code docs/configuration.md},
 * "Values that cannot be serialized"); a {@code SessionRepository} user meets it when serializing values itself.
 */
public class AttributeNotSerializableException extends RedisSessionException {

    private static final long serialVersionUID = 1L;

    private final String sessionId;
    private final String attributeName;
    private final String className;

    /**
     * @param sessionId the session; not {@code null}
     * @param attributeName the attribute; not {@code null}
     * @param className the class of the value; not {@code null}
     * @param reason why the serializer refused it; not {@code null}
     * @param cause the serializer's exception, or {@code null}
     */
    public AttributeNotSerializableException(String sessionId, String attributeName, String className, String reason,
            Throwable cause) {
        super("Session [" + sessionId + "] attribute [" + attributeName + "] of class [" + className
                + "] cannot be stored: " + reason, cause);
        this.sessionId = sessionId;
        this.attributeName = attributeName;
        this.className = className;
    }

    /** @return the session id */
    public String getSessionId() {
        return sessionId;
    }

    /** @return the attribute name */
    public String getAttributeName() {
        return attributeName;
    }

    /** @return the class of the refused value */
    public String getClassName() {
        return className;
    }
}
