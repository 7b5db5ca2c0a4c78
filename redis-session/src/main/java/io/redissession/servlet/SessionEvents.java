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
import java.util.function.BiConsumer;
import java.util.function.Supplier;
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
        each(HttpSessionListener.class, "sessionCreated", session.getId(),
                () -> new HttpSessionEvent(session), HttpSessionListener::sessionCreated);
    }

    void destroyed(HttpSession session) {
        List<HttpSessionListener> all = listeners.all(HttpSessionListener.class);
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (int i = all.size() - 1; i >= 0; i--) {
            call(all.get(i), "sessionDestroyed", session.getId(), event, HttpSessionListener::sessionDestroyed);
        }
    }

    /** @return whether an attribute listener would be told of a change: else nobody needs a replaced value */
    boolean listensToAttributes() {
        return !listeners.all(HttpSessionAttributeListener.class).isEmpty();
    }

    void attributeAdded(HttpSession session, String name, Object value) {
        each(HttpSessionAttributeListener.class, "attributeAdded", session.getId(),
                () -> new HttpSessionBindingEvent(session, name, value), HttpSessionAttributeListener::attributeAdded);
    }

    void attributeReplaced(HttpSession session, String name, Object previous) {
        each(HttpSessionAttributeListener.class, "attributeReplaced", session.getId(),
                () -> new HttpSessionBindingEvent(session, name, previous),
                HttpSessionAttributeListener::attributeReplaced);
    }

    void attributeRemoved(HttpSession session, String name, Object previous) {
        each(HttpSessionAttributeListener.class, "attributeRemoved", session.getId(),
                () -> new HttpSessionBindingEvent(session, name, previous),
                HttpSessionAttributeListener::attributeRemoved);
    }

    void idChanged(HttpSession session, String oldId) {
        each(HttpSessionIdListener.class, "sessionIdChanged", session.getId(), () -> new HttpSessionEvent(session),
                (listener, event) -> listener.sessionIdChanged(event, oldId));
    }

    void notice(SessionNotice notice) {
        each(SessionNoticeListener.class, "onNotice", notice.id(), () -> notice, SessionNoticeListener::onNotice);
    }

    /** Calls every listener of a type; builds the event only if there is one (requests ask on every change). */
    private <T, E> void each(Class<T> type, String method, String sessionId, Supplier<E> event,
            BiConsumer<T, E> call) {
        List<T> all = listeners.all(type);
        if (all.isEmpty()) {
            return;
        }
        E built = event.get();
        for (T listener : all) {
            call(listener, method, sessionId, built, call);
        }
    }

    private static <T, E> void call(T listener, String method, String sessionId, E event, BiConsumer<T, E> call) {
        try {
            call.accept(listener, event);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, method + " of " + listener.getClass().getName() + " failed for session ["
                    + sessionId + "]", e);
        }
    }
}
