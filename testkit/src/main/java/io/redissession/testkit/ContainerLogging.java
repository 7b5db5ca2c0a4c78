package io.redissession.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded containers from printing their INFO start-up messages. Only loggers and
 * properties the user has not configured are touched; warnings and errors still show.
 */
final class ContainerLogging {

    private static final List<String> JUL_LOGGERS = List.of(
            "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat",
            "io.undertow", "org.xnio", "org.jboss.threads", "org.jboss.logging", "org.eclipse.jetty");

    /** Strong references: java.util.logging forgets the level of a logger that is collected. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private static boolean done;

    private ContainerLogging() {
    }

    static synchronized void quiet() {
        if (done) {
            return;
        }
        done = true;
        for (String name : JUL_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
                QUIETED.add(logger);
            }
        }
        // Jetty logs through SLF4J: no "no provider" notice, and WARN for the usual providers
        setIfAbsent("slf4j.internal.verbosity", "ERROR");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setIfAbsent("org.eclipse.jetty.LEVEL", "WARN");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
