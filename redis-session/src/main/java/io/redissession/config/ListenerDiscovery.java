package io.redissession.config;

import java.util.Locale;

/** Where the filter looks for the application's session listeners. */
public enum ListenerDiscovery {
    /**
     * The container's own listener instances, read from its registry (Tomcat, Jetty, Undertow/WildFly), whatever
     * registered them; on other containers, as {@link #DESCRIPTORS}.
     */
    AUTO,
    /**
     * Only what the portable descriptors say: {@code web.xml}, the {@code web-fragment.xml} of {@code WEB-INF/lib}
     * and the {@code @WebListener} classes; the filter creates its own instances.
     */
    DESCRIPTORS;

    /** @return the setting's value for this choice */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
