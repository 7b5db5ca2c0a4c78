package io.redissession.testkit;

import java.util.List;

/** Creates the embedded containers by name, for tests that run the same web apps on each. */
public final class ServletContainers {

    /** System property naming the class that stands for Jetty, for the javax build of the suites. */
    public static final String JETTY_PROPERTY = "redis-session.testkit.jetty";

    /** The names of the supported containers, in the order {@link #all} returns them. */
    public static final List<String> NAMES = List.of("tomcat", "jetty", "undertow");

    private ServletContainers() {
    }

    /**
     * Creates one Tomcat, one Jetty and one Undertow hosting the same web apps, each on its own free
     * port; none is started.
     *
     * @param apps the web apps, at least one, with distinct context paths
     * @return the three containers, in the order of {@link #NAMES}
     */
    public static List<ServletContainer> all(WebAppSpec... apps) {
        return NAMES.stream().map(name -> create(name, 0, apps)).toList();
    }

    /**
     * Creates one container, not started.
     *
     * @param name {@code tomcat}, {@code jetty} or {@code undertow}
     * @param port the port, or {@code 0} for a free one
     * @param apps the web apps, at least one, with distinct context paths
     * @return the container
     * @throws IllegalArgumentException for an unknown name
     */
    public static ServletContainer create(String name, int port, WebAppSpec... apps) {
        switch (String.valueOf(name)) {
            case "tomcat":
                return new TomcatContainer(port, apps);
            case "jetty":
                return jetty(port, apps);
            case "undertow":
                return new UndertowContainer(port, apps);
            default:
                throw new IllegalArgumentException("create: unknown container [" + name + "], expected one of " + NAMES);
        }
    }

    /**
     * Jetty 12, or the class named by the system property {@value #JETTY_PROPERTY} (a {@link ServletContainer} with a
     * constructor {@code (int, WebAppSpec...)}): the javax build of the suites runs on Jetty 10, whose API differs.
     */
    private static ServletContainer jetty(int port, WebAppSpec... apps) {
        String replacement = System.getProperty(JETTY_PROPERTY);
        if (replacement == null) {
            return new JettyContainer(port, apps);
        }
        try {
            return (ServletContainer) Class.forName(replacement).getConstructor(int.class, WebAppSpec[].class)
                    .newInstance(port, apps);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(JETTY_PROPERTY + "=" + replacement + " cannot be created", e);
        }
    }
}
