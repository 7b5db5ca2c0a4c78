package io.redissession.it;

import io.redissession.events.SessionNotice;
import io.redissession.events.SessionNoticeListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every session event it receives in {@link #EVENTS}, with the node that delivered it. A destroy event
 * records the {@code payload} attribute read during the event and the session's deadline.
 */
public class RecordingListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener,
        SessionNoticeListener {

    /** Every event received by every instance. */
    public static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();

    /**
     * @param node the node that delivered it (container and context)
     * @param kind created, destroyed, added, replaced, removed, id-changed or notice
     * @param id the session id
     * @param detail what the kind needs: an attribute, the old id, the notice
     * @param at epoch milliseconds of delivery
     * @param deadline for destroyed: last access plus timeout, epoch milliseconds
     */
    public record Event(String node, String kind, String id, String detail, long at, long deadline) {
    }

    private final String node;

    /** A listener that names its node after the session's context. */
    public RecordingListener() {
        this(null);
    }

    /** @param node the name to record for notices and events */
    public RecordingListener(String node) {
        this.node = node;
    }

    /** @return the events of one kind, in delivery order */
    public static List<Event> of(String kind) {
        return EVENTS.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** @return the events of one kind for one session */
    public static List<Event> of(String kind, String id) {
        return EVENTS.stream().filter(e -> e.kind().equals(kind) && e.id().equals(id)).toList();
    }

    static String nodeOf(ServletContext context) {
        return context.getServerInfo() + "@" + Integer.toHexString(System.identityHashCode(context));
    }

    private void record(HttpSession session, String kind, String detail, long deadline) {
        String name = node != null ? node : nodeOf(session.getServletContext());
        EVENTS.add(new Event(name, kind, session.getId(), detail, System.currentTimeMillis(), deadline));
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        record(event.getSession(), "created", "", 0);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        long deadline = session.getLastAccessedTime() + session.getMaxInactiveInterval() * 1000L;
        record(session, "destroyed", "payload=" + session.getAttribute("payload"), deadline);
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        record(event.getSession(), "added", event.getName() + "=" + event.getValue(), 0);
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        record(event.getSession(), "replaced", event.getName() + "=" + event.getValue(), 0);
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        record(event.getSession(), "removed", event.getName() + "=" + event.getValue(), 0);
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        record(event.getSession(), "id-changed", oldSessionId, 0);
    }

    @Override
    public void onNotice(SessionNotice notice) {
        EVENTS.add(new Event(node, "notice", notice.id(), notice.kind() + " " + notice.newId(),
                System.currentTimeMillis(), 0));
    }
}
