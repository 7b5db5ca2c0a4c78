package io.redissession.examples;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the sessions created and destroyed on this node, for the tester page. It is an ordinary
 * {@code HttpSessionListener}: declared in {@code web.xml} (or named by the {@code sessionListeners} setting), it
 * receives the events of Redis sessions with no code change. A session is created on one node and destroyed on
 * exactly one node, which may be another one.
 */
public class SessionActivityListener implements HttpSessionListener {

    static final String CREATED = "sessionTester.created";
    static final String DESTROYED = "sessionTester.destroyed";

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        counter(event.getSession().getServletContext(), CREATED).incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        counter(event.getSession().getServletContext(), DESTROYED).incrementAndGet();
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
