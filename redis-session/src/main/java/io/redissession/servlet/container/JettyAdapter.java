package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;

import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Optional;

/**
 * Jetty 12 (ee10 and later): the {@code ServletContext} leads to its context handler, whose event listeners hold
 * every listener of the application in registration order; its session handler keeps its own lists of session
 * listeners, from which they are removed.
 */
final class JettyAdapter implements ContainerAdapter {

    private static final Class<?>[] LISTENER = {EventListener.class};

    private final Object contextHandler;

    private JettyAdapter(Object contextHandler) {
        this.contextHandler = contextHandler;
    }

    static Optional<ContainerAdapter> of(ServletContext context) throws ReflectiveOperationException {
        if (!context.getClass().getName().startsWith("org.eclipse.jetty.")) {
            return Optional.empty();
        }
        JettyAdapter adapter = new JettyAdapter(Reflection.call(context, "getContextHandler"));
        adapter.eventListeners();
        return Optional.of(adapter);
    }

    @Override
    public String name() {
        return "Jetty";
    }

    @Override
    public SessionListenerSet sessionListeners() {
        try {
            return SessionListenerSet.of(name(), eventListeners());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read Jetty's listeners", e);
        }
    }

    @Override
    public List<EventListener> detach(SessionListenerSet listeners) {
        try {
            Object sessionHandler = Reflection.call(contextHandler, "getSessionHandler");
            if (sessionHandler != null) {
                for (EventListener listener : listeners.all()) {
                    Reflection.call(sessionHandler, "removeEventListener", LISTENER, listener);
                }
            }
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot update Jetty's session listeners", e);
        }
    }

    private List<EventListener> eventListeners() throws ReflectiveOperationException {
        List<EventListener> listeners = new ArrayList<>();
        if (Reflection.call(contextHandler, "getEventListeners") instanceof List<?> all) {
            for (Object listener : all) {
                if (listener instanceof EventListener eventListener) {
                    listeners.add(eventListener);
                }
            }
            return listeners;
        }
        throw new NoSuchMethodException("getEventListeners returned no list");
    }
}
