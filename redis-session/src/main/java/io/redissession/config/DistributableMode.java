package io.redissession.config;

/**
 * Whether the application counts as {@code <distributable/>} (Servlet 7.7.2): a distributable application refuses,
 * at {@code setAttribute}, a value the serializer can never store; any other application keeps such a value on the
 * node that set it, as a container keeps it in its own sessions.
 */
public enum DistributableMode {
    /**
     * As the application says: distributable if Tomcat's own flag is set or if {@code web.xml} and every
     * {@code web-fragment.xml} say {@code <distributable/>}.
     */
    AUTO("auto"),
    /** Distributable, whatever the descriptors say. */
    YES("true"),
    /** Not distributable, whatever the descriptors say. */
    NO("false");

    private final String label;

    DistributableMode(String label) {
        this.label = label;
    }

    /** @return the setting's value for this choice */
    public String label() {
        return label;
    }
}
