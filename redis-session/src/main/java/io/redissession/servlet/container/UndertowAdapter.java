package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Undertow and WildFly: the {@code ServletContext} leads to the deployment's application listeners, which keep one
 * array of managed listeners per listener type, in the order Undertow calls them.
 */
final class UndertowAdapter implements ContainerAdapter {

    private static final String LIFECYCLE = "httpSessionListeners";
    private static final String ATTRIBUTE = "httpSessionAttributeListeners";
    private static final String ID = "httpSessionIdListeners";

    private final Object applicationListeners;

    private UndertowAdapter(Object applicationListeners) {
        this.applicationListeners = applicationListeners;
    }

    static Optional<ContainerAdapter> of(ServletContext context) throws ReflectiveOperationException {
        if (!context.getClass().getName().startsWith("io.undertow.")) {
            return Optional.empty();
        }
        Object deployment = Reflection.call(context, "getDeployment");
        UndertowAdapter adapter = new UndertowAdapter(Reflection.call(deployment, "getApplicationListeners"));
        adapter.instances(LIFECYCLE, HttpSessionListener.class);
        return Optional.of(adapter);
    }

    @Override
    public String name() {
        return "Undertow";
    }

    @Override
    public SessionListenerSet sessionListeners() {
        try {
            return new SessionListenerSet(name(), instances(LIFECYCLE, HttpSessionListener.class),
                    instances(ATTRIBUTE, HttpSessionAttributeListener.class),
                    instances(ID, HttpSessionIdListener.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read Undertow's listeners", e);
        }
    }

    @Override
    public List<EventListener> detach(SessionListenerSet listeners) {
        try {
            Set<EventListener> moved = listeners.all();
            for (String field : List.of(LIFECYCLE, ATTRIBUTE, ID)) {
                Object managed = Reflection.field(applicationListeners, field);
                List<Object> kept = new ArrayList<>();
                for (int i = 0; managed != null && i < Array.getLength(managed); i++) {
                    Object entry = Array.get(managed, i);
                    if (!moved.contains(Reflection.call(entry, "instance"))) {
                        kept.add(entry);
                    }
                }
                Class<?> arrayType = Reflection.fieldType(applicationListeners, field);
                Object remaining = Array.newInstance(arrayType.getComponentType(), kept.size());
                for (int i = 0; i < kept.size(); i++) {
                    Array.set(remaining, i, kept.get(i));
                }
                Reflection.setField(applicationListeners, field, remaining);
            }
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot update Undertow's session listeners", e);
        }
    }

    private <T> List<T> instances(String field, Class<T> type) throws ReflectiveOperationException {
        List<T> listeners = new ArrayList<>();
        Object managed = Reflection.field(applicationListeners, field);
        for (int i = 0; managed != null && i < Array.getLength(managed); i++) {
            Object instance = Reflection.call(Array.get(managed, i), "instance");
            if (type.isInstance(instance)) {
                listeners.add(type.cast(instance));
            }
        }
        return listeners;
    }
}
