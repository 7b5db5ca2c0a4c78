package io.redissession;

/** Root of every exception this library throws on its own account. Unchecked. */
public class RedisSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong; not {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public RedisSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
