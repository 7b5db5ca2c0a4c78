package io.redissession.testkit;

/**
 * An error reply of a Redis server, such as {@code ERR unknown command} or {@code NOAUTH ...}.
 * The message is the error text exactly as the server sent it.
 */
public class RedisErrorReply extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for one error reply.
     *
     * @param message the error text sent by the server, not {@code null}
     */
    public RedisErrorReply(String message) {
        super(message);
    }

    /**
     * Returns the first word of the error text, such as {@code ERR}, {@code NOAUTH} or
     * {@code NOSCRIPT}.
     *
     * @return the error code, never {@code null}
     */
    public String code() {
        String message = getMessage();
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
