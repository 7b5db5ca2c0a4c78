package io.redissession.servlet;

import io.redissession.events.SessionNotice;
import io.redissession.events.SessionNoticeListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls the application's session listeners the way Tomcat does: each call on its own, a failure logged and never
 * passed to the request or to the other listeners; {@code sessionDestroyed} in reverse registration order.
 */
final class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class.getName());

    private final SessionListeners listeners;

    SessionEvents(SessionListeners listeners) {
        this.listeners = listeners;
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        each(HttpSessionListener.class, "sessionCreated", session.getId(), l -> l.sessionCreated(event));
    }

    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        List<HttpSessionListener> all = listeners.all(HttpSessionListener.class);
        for (int i = all.size() - 1; i >= 0; i--) {
            call(all.get(i), "sessionDestroyed", session.getId(), l -> l.sessionDestroyed(event));
        }
    }

    void attributeAdded(HttpSession session, String name, Object value) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        each(HttpSessionAttributeListener.class, "attributeAdded", session.getId(), l -> l.attributeAdded(event));
    }

    void attributeReplaced(HttpSession session, String name, Object previous) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, previous);
        each(HttpSessionAttributeListener.class, "attributeReplaced", session.getId(),
                l -> l.attributeReplaced(event));
    }

    void attributeRemoved(HttpSession session, String name, Object previous) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, previous);
        each(HttpSessionAttributeListener.class, "attributeRemoved", session.getId(),
                l -> l.attributeRemoved(event));
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        each(HttpSessionIdListener.class, "sessionIdChanged", session.getId(), l -> l.sessionIdChanged(event, oldId));
    }

    void notice(SessionNotice notice) {
        each(SessionNoticeListener.class, "onNotice", notice.id(), l -> l.onNotice(notice));
    }

    private <T> void each(Class<T> type, String method, String sessionId, Consumer<T> call) {
        for (T listener : listeners.all(type)) {
            call(listener, method, sessionId, call);
        }
    }

    private static <T> void call(T listener, String method, String sessionId, Consumer<T> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, method + " of " + listener.getClass().getName() + " failed for session ["
                    + sessionId + "]", e);
        }
    }
}
