package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EventListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tomcat, and the servers built on its {@code StandardContext} (TomEE): the {@code ServletContext} facade leads to
 * the {@code StandardContext}, whose "application lifecycle listeners" hold the {@code HttpSessionListener}s and
 * whose "application event listeners" hold the attribute and id listeners, each array in the order Tomcat calls
 * them.
 */
final class TomcatAdapter implements ContainerAdapter {

    private static final Class<?>[] OBJECT_ARRAY = {Object[].class};

    private final Object standardContext;

    private TomcatAdapter(Object standardContext) {
        this.standardContext = standardContext;
    }

    static Optional<ContainerAdapter> of(ServletContext context) throws ReflectiveOperationException {
        Object standardContext = standardContextOf(context);
        if (standardContext == null) {
            return Optional.empty();
        }
        TomcatAdapter adapter = new TomcatAdapter(standardContext);
        adapter.lifecycleListeners();
        adapter.eventListeners();
        return Optional.of(adapter);
    }

    /**
     * @param context the application's context; not {@code null}
     * @return the {@code StandardContext} behind Tomcat's (or Payara's) {@code ServletContext} facade, or
     *         {@code null} if the context is not such a facade
     */
    static Object standardContextOf(ServletContext context) throws ReflectiveOperationException {
        if (!context.getClass().getName().equals("org.apache.catalina.core.ApplicationContextFacade")) {
            return null;
        }
        return Reflection.field(Reflection.field(context, "context"), "context");
    }

    @Override
    public String name() {
        return "Tomcat";
    }

    @Override
    public Optional<Boolean> distributable() {
        try {
            return Optional.of((Boolean) Reflection.call(standardContext, "getDistributable"));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * Tomcat accesses the session of every request when the context's {@code alwaysAccessSession} is set (its
     * default is the strict compliance mode; Apache's TCK runs set it). Tomcat versions without that attribute read
     * the {@code StandardHostValve.ACCESS_SESSION} system property instead.
     */
    @Override
    public Optional<Boolean> accessOnEveryRequest() {
        try {
            return Optional.of((Boolean) Reflection.call(standardContext, "getAlwaysAccessSession"));
        } catch (ReflectiveOperationException e) {
            String access = System.getProperty("org.apache.catalina.core.StandardHostValve.ACCESS_SESSION");
            String strict = System.getProperty("org.apache.catalina.STRICT_SERVLET_COMPLIANCE");
            return Optional.of(Boolean.parseBoolean(access != null ? access : strict));
        }
    }

    @Override
    public SessionListenerSet sessionListeners() {
        try {
            List<Object> lifecycle = Arrays.asList(lifecycleListeners());
            List<Object> events = Arrays.asList(eventListeners());
            return new SessionListenerSet(name(), SessionListenerSet.only(lifecycle, HttpSessionListener.class),
                    SessionListenerSet.only(events, HttpSessionAttributeListener.class),
                    SessionListenerSet.only(events, HttpSessionIdListener.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read Tomcat's listeners", e);
        }
    }

    @Override
    public List<EventListener> detach(SessionListenerSet listeners) {
        List<EventListener> kept = new ArrayList<>();
        try {
            Reflection.call(standardContext, "setApplicationLifecycleListeners", OBJECT_ARRAY,
                    (Object) without(lifecycleListeners(), listeners, kept));
            Reflection.call(standardContext, "setApplicationEventListeners", OBJECT_ARRAY,
                    (Object) without(eventListeners(), listeners, kept));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot update Tomcat's listeners", e);
        }
        return kept.stream().distinct().toList();
    }

    /** Drops the listeners that serve only session events; the others stay, and are reported in {@code kept}. */
    private static Object[] without(Object[] current, SessionListenerSet listeners, List<EventListener> kept) {
        List<Object> remaining = new ArrayList<>();
        Set<EventListener> taken = listeners.all();
        for (Object listener : current) {
            if (!taken.contains(listener)) {
                remaining.add(listener);
            } else if (servesOtherEvents(listener)) {
                remaining.add(listener);
                kept.add((EventListener) listener);
            }
        }
        return remaining.toArray();
    }

    private static boolean servesOtherEvents(Object listener) {
        return listener instanceof ServletContextListener || listener instanceof ServletContextAttributeListener
                || listener instanceof ServletRequestListener || listener instanceof ServletRequestAttributeListener;
    }

    private Object[] lifecycleListeners() throws ReflectiveOperationException {
        return array(Reflection.call(standardContext, "getApplicationLifecycleListeners"));
    }

    private Object[] eventListeners() throws ReflectiveOperationException {
        return array(Reflection.call(standardContext, "getApplicationEventListeners"));
    }

    private static Object[] array(Object value) throws ReflectiveOperationException {
        if (value == null) {
            return new Object[0];
        }
        if (value instanceof Object[] array) {
            return array;
        }
        throw new NoSuchMethodException("listener arrays of type " + value.getClass().getName());
    }
}
