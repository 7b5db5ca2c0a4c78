package io.redissession.session;

/**
 * Which attributes a request writes back to Redis. Each mode trades bytes written for safety with applications
 * that change attribute objects in place.
 */
public enum SaveMode {
    /**
     * Only attributes passed to {@code setAttribute} or {@code removeAttribute} are written. Cheapest, and two
     * concurrent requests writing different attributes never overwrite each other. An object changed in place
     * without a new {@code setAttribute} is not saved.
     */
    ON_SET("on-set"),
    /**
     * Also writes back every attribute the request read with {@code getAttribute}, so in-place changes are saved.
     * A request that only reads then costs a second round trip, and a concurrent request's change to an attribute
     * this request read may be overwritten with the older value.
     */
    ON_GET("on-get"),
    /**
     * Writes every readable attribute at the end of each request that used the session. Most bytes; the last
     * request to finish wins for every attribute.
     */
    ALWAYS("always");

    private final String label;

    SaveMode(String label) {
        this.label = label;
    }

    /** @return the name used in configuration */
    public String label() {
        return label;
    }
}
