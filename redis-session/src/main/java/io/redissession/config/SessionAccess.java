package io.redissession.config;

import java.util.Locale;

/**
 * What counts as an access to a session, renewing its last-access time and its timeout.
 */
public enum SessionAccess {
    /**
     * As the container's own sessions do where a setting says so (the {@code alwaysAccessSession} attribute of
     * Tomcat's context, which its strict servlet compliance turns on), else {@link #ON_USE}.
     */
    AUTO,
    /** A request that asks for its session ({@code getSession}); requests that never ask cost nothing. */
    ON_USE,
    /**
     * Every request that carries the id of a session (Servlet 7.6), also one that never asks for it: such a request
     * sends one command it does not wait for.
     */
    EVERY_REQUEST;

    /** @return the setting's value for this choice */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
