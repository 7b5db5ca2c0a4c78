package io.redissession;

/**
 * Redis could not be reached or did not answer within the configured time. The request that needed its session
 * fails fast; the filter reconnects by itself when Redis is back.
 */
public class SessionStoreUnavailableException extends RedisSessionException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * @param operation what was being done, for example {@code "load session"}; not {@code null}
     * @param message why it failed; not {@code null}
     * @param cause the client's exception, or {@code null}
     */
    public SessionStoreUnavailableException(String operation, String message, Throwable cause) {
        super("Session store unavailable (" + operation + "): " + message, cause);
        this.operation = operation;
    }

    /** @return the operation that failed */
    public String getOperation() {
        return operation;
    }
}
