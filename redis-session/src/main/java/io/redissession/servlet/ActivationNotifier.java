package io.redissession.servlet;

import io.redissession.session.AttributeLifecycle;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Tells {@link HttpSessionActivationListener} attributes when they are read from Redis and about to be written. */
final class ActivationNotifier implements AttributeLifecycle {

    private static final Logger LOG = Logger.getLogger(ActivationNotifier.class.getName());

    private volatile HttpSession session;

    void attach(HttpSession facade) {
        this.session = facade;
    }

    @Override
    public void activated(Object value) {
        if (value instanceof HttpSessionActivationListener listener) {
            try {
                listener.sessionDidActivate(new HttpSessionEvent(session));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sessionDidActivate of " + value.getClass().getName() + " failed", e);
            }
        }
    }

    @Override
    public boolean bindingListener(Object value) {
        return value instanceof HttpSessionBindingListener;
    }

    @Override
    public void passivating(Object value) {
        if (value instanceof HttpSessionActivationListener listener) {
            try {
                listener.sessionWillPassivate(new HttpSessionEvent(session));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sessionWillPassivate of " + value.getClass().getName() + " failed", e);
            }
        }
    }
}
