package io.redissession.testkit;

import java.util.List;

/**
 * An embedded servlet container hosting one or more {@link WebAppSpec web apps} on one port of
 * {@code 127.0.0.1}. {@link #start()} after {@link #stop()} builds the container anew on the same
 * port, as a restarted node would be.
 */
public interface ServletContainer extends AutoCloseable {

    /** Returns the container name: {@code tomcat}, {@code jetty} or {@code undertow}. */
    String name();

    /** Returns the hosted web apps. */
    List<WebAppSpec> apps();

    /**
     * Starts the container and every web app; does nothing if it is running.
     *
     * @throws IllegalStateException if the port cannot be bound or a web app fails to start
     */
    void start();

    /** Returns the port; chosen when the container was created, if it was created with port 0. */
    int port();

    /** Returns {@code http://127.0.0.1:PORT}, without a trailing slash. */
    default String baseUrl() {
        return "http://" + FreePorts.HOST + ":" + port();
    }

    /**
     * Returns {@link #baseUrl()} followed by a path.
     *
     * @param path the path, starting with {@code /}, such as {@code /app/counter}; not {@code null}
     * @return the URL
     */
    default String url(String path) {
        return baseUrl() + path;
    }

    /** Returns whether the container is started. */
    boolean isRunning();

    /** Stops the container and destroys the web apps; does nothing if it is not running. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
