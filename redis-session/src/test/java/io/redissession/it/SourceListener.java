package io.redissession.it;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A session listener that records its events with the way it was registered, as named by its label. */
public class SourceListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {

    /** Every event received by every instance. */
    public static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();

    /**
     * @param source how the listener was registered
     * @param node the container that delivered the event
     * @param kind created, destroyed, added, replaced, removed or id-changed
     * @param id the session id
     * @param detail attribute name=value, or the old id
     */
    public record Event(String source, String node, String kind, String id, String detail) {
    }

    private final String source;

    /** @param source how the listener is registered */
    public SourceListener(String source) {
        this.source = source;
    }

    /** @return the events of one source and kind for one session */
    public static List<Event> of(String source, String kind, String id) {
        return EVENTS.stream().filter(e -> e.source().equals(source) && e.kind().equals(kind) && e.id().equals(id))
                .toList();
    }

    /** @return every event about one session, whatever the source */
    public static List<Event> about(String id) {
        return EVENTS.stream().filter(e -> e.id().equals(id)).toList();
    }

    private void record(HttpSessionEvent event, String kind, String detail) {
        EVENTS.add(new Event(source, event.getSession().getServletContext().getServerInfo(), kind,
                event.getSession().getId(), detail));
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        record(event, "created", "");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        record(event, "destroyed", "payload=" + event.getSession().getAttribute("payload"));
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        record(event, "added", event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        record(event, "replaced", event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        record(event, "removed", event.getName() + "=" + event.getValue());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        record(event, "id-changed", oldSessionId);
    }

    /** Declared like a {@code <listener>} of {@code web.xml}. */
    public static class Declared extends SourceListener {
        /** Creates it; the container does. */
        public Declared() {
            super("declared");
        }
    }

    /** Declared in a descriptor read by the filter: {@code web.xml} of the resource base. */
    public static class WebXml extends SourceListener {
        /** Creates it; the filter does. */
        public WebXml() {
            super("web.xml");
        }
    }

    /** Declared in the {@code web-fragment.xml} of a jar of {@code WEB-INF/lib}. */
    public static class FragmentA extends SourceListener {
        /** Creates it; the filter does. */
        public FragmentA() {
            super("fragment-a");
        }
    }

    /** Declared in the {@code web-fragment.xml} of another jar of {@code WEB-INF/lib}. */
    public static class FragmentB extends SourceListener {
        /** Creates it; the filter does. */
        public FragmentB() {
            super("fragment-b");
        }
    }

    /** A declared {@code ServletContextListener} that adds a session listener in code. */
    public static class Registrar implements jakarta.servlet.ServletContextListener {
        @Override
        public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
            event.getServletContext().addListener(new SourceListener("context-listener"));
        }
    }
}
