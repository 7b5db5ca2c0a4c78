package io.redissession.servlet;

import jakarta.servlet.ServletContext;

import java.util.EventListener;
import java.util.Objects;

/**
 * Registers session listeners that the filter cannot discover by itself, such as {@code @WebListener} classes or
 * listeners the application adds with {@code ServletContext.addListener}. Listeners declared with
 * {@code <listener>} in {@code web.xml} and those named by the {@code sessionListeners} setting need no call here.
 * <p>
 * Accepted types: {@code HttpSessionListener}, {@code HttpSessionAttributeListener}, {@code HttpSessionIdListener}
 * and {@link io.redissession.events.SessionNoticeListener}. Registering the application's own instance (for example
 * from {@code ServletContextListener.contextInitialized}) replaces the instance the filter would create for the
 * same class. May be called before or after the filter starts.
 */
public final class RedisSessionListeners {

    private RedisSessionListeners() {
    }

    /**
     * @param context the web application's context; not {@code null}
     * @param listener the listener; not {@code null}
     * @throws IllegalArgumentException if the listener is of none of the accepted types
     */
    public static void add(ServletContext context, EventListener listener) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(listener, "listener");
        if (!SessionListeners.isSupported(listener.getClass())) {
            throw new IllegalArgumentException("add: listener [" + listener.getClass().getName() + "] implements"
                    + " none of HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener,"
                    + " SessionNoticeListener");
        }
        SessionListeners.of(context).add(listener);
    }
}
