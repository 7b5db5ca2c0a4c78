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
     * Also writes back every attribute the request read with {@code getAttribute} whose serialized form changed,
     * so in-place changes are saved. Each read value is serialized again at the end of the request to compare it;
     * a request whose values did not change costs no extra round trip. A concurrent request's change to an
     * attribute this request changed in place is overwritten.
     */
    ON_GET("on-get"),
    /**
     * Deserializes every attribute of each request that used the session and writes back every one whose
     * serialized form changed, whether the request read it or not (objects shared between attributes, changed
     * through another reference). Most CPU; for attributes changed by two requests, the last to finish wins.
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
