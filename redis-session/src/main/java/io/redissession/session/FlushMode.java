package io.redissession.session;

/** When a request's session changes are sent to Redis. */
public enum FlushMode {
    /**
     * All changes of a request in one round trip, just before the response is committed (end of the request,
     * {@code flushBuffer}, {@code sendRedirect}, {@code sendError}, a full buffer). The default.
     */
    ON_RESPONSE("on-response"),
    /** Each {@code setAttribute}, {@code removeAttribute} and session change is written at once: a round trip each. */
    IMMEDIATE("immediate");

    private final String label;

    FlushMode(String label) {
        this.label = label;
    }

    /** @return the name used in configuration */
    public String label() {
        return label;
    }
}
