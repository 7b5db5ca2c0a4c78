package io.redissession.servlet;

import io.redissession.session.StoredSession;
import io.redissession.session.TrackedSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link HttpSession} the application sees: a view of one {@link TrackedSession} that enforces the servlet
 * contract (no use after {@code invalidate}, {@code null} means remove), fires binding and listener events as
 * Tomcat does, and routes changes to its {@link SessionOwner}.
 */
final class RedisHttpSession implements HttpSession {

    private static final Logger LOG = Logger.getLogger(RedisHttpSession.class.getName());

    private final TrackedSession session;
    private final SessionOwner owner;
    private final ServletContext context;
    private final SessionEvents events;
    private volatile boolean destroying;

    RedisHttpSession(TrackedSession session, SessionOwner owner, ServletContext context, SessionEvents events) {
        this.session = session;
        this.owner = owner;
        this.context = context;
        this.events = events;
    }

    /**
     * @param stored a session whose expiry this node claimed; not {@code null}
     * @param services the filter's services; not {@code null}
     * @return a view of it that writes nothing, for its destroy events
     */
    static RedisHttpSession expired(StoredSession stored, SessionServices services) {
        ActivationNotifier notifier = new ActivationNotifier();
        TrackedSession session = TrackedSession.load(stored, services.codec(), notifier, services.local());
        RedisHttpSession facade = new RedisHttpSession(session, SessionOwner.DETACHED, services.context(),
                services.events());
        notifier.attach(facade);
        return facade;
    }

    TrackedSession tracked() {
        return session;
    }

    SessionOwner owner() {
        return owner;
    }

    @Override
    public long getCreationTime() {
        checkValid("getCreationTime");
        return session.creationTime();
    }

    @Override
    public String getId() {
        return session.id();
    }

    @Override
    public long getLastAccessedTime() {
        checkValid("getLastAccessedTime");
        return session.lastAccessedTime();
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        checkValid("setMaxInactiveInterval");
        session.maxInactiveInterval(interval);
        owner.changed();
    }

    @Override
    public int getMaxInactiveInterval() {
        return session.maxInactiveInterval();
    }

    @Override
    public Object getAttribute(String name) {
        checkValid("getAttribute");
        return name == null ? null : session.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(session.names());
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("setAttribute: name parameter cannot be null");
        }
        checkValid("setAttribute");
        if (value == null) {
            removeAttribute(name);
            return;
        }
        session.checkStorable(name, value);
        if (!owner.principalSet(this, name, value)) {
            return;
        }
        if (value instanceof HttpSessionBindingListener listener) {
            Object current = session.get(name);
            if (current != value) {
                notifyBound(listener, name, value);
            }
        }
        Object previous = session.put(name, value, events.listensToAttributes());
        if (previous != null && previous != value && previous instanceof HttpSessionBindingListener listener) {
            notifyUnbound(listener, name, previous);
        }
        owner.changed();
        if (previous != null) {
            events.attributeReplaced(this, name, previous);
        } else {
            events.attributeAdded(this, name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        checkValid("removeAttribute");
        if (name == null) {
            return;
        }
        Object previous = session.remove(name, events.listensToAttributes());
        owner.principalRemoved(this, name);
        if (previous instanceof HttpSessionBindingListener listener) {
            notifyUnbound(listener, name, previous);
        }
        owner.changed();
        if (previous != null) {
            events.attributeRemoved(this, name, previous);
        }
    }

    /**
     * Destroys the session in the store, then, if this call destroyed it (no other node did), delivers its events
     * as for an expiry. Calling it again while the events run does nothing.
     */
    @Override
    public void invalidate() {
        checkValid("invalidate");
        if (destroying) {
            return;
        }
        destroying = true;
        boolean ours;
        try {
            ours = owner.destroy(session);
        } catch (RuntimeException e) {
            destroying = false;
            throw e;
        }
        if (ours) {
            fireDestroyed();
        } else {
            session.invalidate();
        }
    }

    /**
     * Delivers the destroy events the way Tomcat's {@code StandardSession.expire} does: {@code sessionDestroyed}
     * while the attributes are still readable, then, for each attribute, {@code valueUnbound} and
     * {@code attributeRemoved}.
     */
    void fireDestroyed() {
        destroying = true;
        events.destroyed(this);
        Map<String, Object> values = session.invalidate();
        values.forEach((name, value) -> {
            if (value instanceof HttpSessionBindingListener listener) {
                notifyUnbound(listener, name, value);
            }
            events.attributeRemoved(this, name, value);
        });
    }

    @Override
    public boolean isNew() {
        checkValid("isNew");
        return session.isCreatedByThisRequest();
    }

    private void checkValid(String method) {
        if (session.isInvalid()) {
            throw new IllegalStateException(method + ": Session [" + session.id() + "] has already been invalidated");
        }
    }

    private void notifyBound(HttpSessionBindingListener listener, String name, Object value) {
        try {
            listener.valueBound(new HttpSessionBindingEvent(this, name, value));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "valueBound of attribute [" + name + "] in session [" + session.id() + "] failed",
                    e);
        }
    }

    private void notifyUnbound(HttpSessionBindingListener listener, String name, Object value) {
        try {
            listener.valueUnbound(new HttpSessionBindingEvent(this, name, value));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "valueUnbound of attribute [" + name + "] in session [" + session.id()
                    + "] failed", e);
        }
    }
}
