package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Payara and GlassFish, whose web container descends from an early Tomcat: the {@code ServletContext} facade leads
 * to a {@code StandardContext} that keeps the {@code HttpSessionListener}s in one list and the attribute and id
 * listeners among its "application event listeners", each in the order it calls them.
 */
final class GlassFishAdapter implements ContainerAdapter {

    private final Object standardContext;

    private GlassFishAdapter(Object standardContext) {
        this.standardContext = standardContext;
    }

    static Optional<ContainerAdapter> of(ServletContext context) throws ReflectiveOperationException {
        Object standardContext = TomcatAdapter.standardContextOf(context);
        if (standardContext == null) {
            return Optional.empty();
        }
        GlassFishAdapter adapter = new GlassFishAdapter(standardContext);
        adapter.sessionLifecycleListeners();
        adapter.eventListeners();
        return Optional.of(adapter);
    }

    @Override
    public String name() {
        return "Payara/GlassFish";
    }

    @Override
    public SessionListenerSet sessionListeners() {
        try {
            List<EventListener> events = eventListeners();
            return new SessionListenerSet(name(), SessionListenerSet.only(sessionLifecycleListeners(),
                    HttpSessionListener.class), SessionListenerSet.only(events, HttpSessionAttributeListener.class),
                    SessionListenerSet.only(events, HttpSessionIdListener.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the listeners of " + name(), e);
        }
    }

    /**
     * Removes the listeners from the live lists the container's sessions read; one that also serves context or
     * request attribute events stays among the event listeners.
     */
    @Override
    public List<EventListener> detach(SessionListenerSet listeners) {
        Set<EventListener> taken = listeners.all();
        List<EventListener> kept = new ArrayList<>();
        try {
            sessionLifecycleListeners().removeAll(listeners.lifecycle());
            List<EventListener> events = eventListeners();
            for (EventListener listener : List.copyOf(events)) {
                if (!taken.contains(listener)) {
                    continue;
                }
                if (listener instanceof ServletContextAttributeListener
                        || listener instanceof ServletRequestAttributeListener) {
                    kept.add(listener);
                } else {
                    events.remove(listener);
                }
            }
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            throw new IllegalStateException("Cannot update the listeners of " + name(), e);
        }
        return kept;
    }

    @Override
    public Optional<Boolean> distributable() {
        try {
            return Optional.of((Boolean) Reflection.call(standardContext, "getDistributable"));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private List<HttpSessionListener> sessionLifecycleListeners() throws ReflectiveOperationException {
        if (Reflection.call(standardContext, "getSessionListeners") instanceof List<?> list) {
            return (List<HttpSessionListener>) list;
        }
        throw new NoSuchMethodException("getSessionListeners returned no list");
    }

    @SuppressWarnings("unchecked")
    private List<EventListener> eventListeners() throws ReflectiveOperationException {
        if (Reflection.call(standardContext, "getApplicationEventListeners") instanceof List<?> list) {
            return (List<EventListener>) list;
        }
        throw new NoSuchMethodException("getApplicationEventListeners returned no list");
    }
}
