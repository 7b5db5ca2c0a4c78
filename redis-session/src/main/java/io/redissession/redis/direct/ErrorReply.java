package io.redissession.redis.direct;

/** An error reply from Redis ({@code -ERR ...}, {@code -NOSCRIPT ...}, {@code -MOVED ...}). */
public final class ErrorReply extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ErrorReply(String message) {
        super(message, null, false, false);
    }

    /** @return the error's first word, such as {@code NOSCRIPT} or {@code MOVED} */
    public String code() {
        String message = getMessage();
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
