package io.redissession.examples;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the sessions created and destroyed on this node, for the tester page, per way the listener was
 * registered. It is an ordinary {@code HttpSessionListener}: declared in {@code web.xml}, annotated with
 * {@code @WebListener} ({@link Annotated}) or added in code ({@link Registrar}), it receives the events of Redis
 * sessions with no code change. A session is created on one node and destroyed on exactly one node, which may be
 * another one.
 */
public class SessionActivityListener implements HttpSessionListener {

    static final String CREATED = "sessionTester.created";
    static final String DESTROYED = "sessionTester.destroyed";

    private final String source;

    /** The listener of {@code web.xml}. */
    public SessionActivityListener() {
        this("");
    }

    /** @param source how the listener is registered, as the page shows it; {@code ""} for {@code web.xml} */
    public SessionActivityListener(String source) {
        this.source = source;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        counter(event.getSession().getServletContext(), CREATED + source).incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        counter(event.getSession().getServletContext(), DESTROYED + source).incrementAndGet();
    }

    /** The same listener as an {@code @WebListener} class. */
    @jakarta.servlet.annotation.WebListener
    public static class Annotated extends SessionActivityListener {
        /** Created by the container. */
        public Annotated() {
            super(".annotated");
        }
    }

    /** Adds the same listener in code, with {@code ServletContext.addListener}, when the application starts. */
    @jakarta.servlet.annotation.WebListener
    public static class Registrar implements jakarta.servlet.ServletContextListener {
        /** Created by the container. */
        public Registrar() {
        }

        @Override
        public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
            event.getServletContext().addListener(new SessionActivityListener(".added"));
        }
    }

    /** @return the counter kept in the context under {@code name}, created on first use */
    static AtomicLong counter(ServletContext context, String name) {
        synchronized (SessionActivityListener.class) {
            Object existing = context.getAttribute(name);
            if (existing instanceof AtomicLong counter) {
                return counter;
            }
            AtomicLong counter = new AtomicLong();
            context.setAttribute(name, counter);
            return counter;
        }
    }
}
