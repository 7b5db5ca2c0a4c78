package io.redissession.servlet;

import io.redissession.config.InvalidSettingException;
import io.redissession.config.ListenerDiscovery;
import io.redissession.config.RedisSessionSettings;
import io.redissession.servlet.container.ContainerAdapter;
import io.redissession.servlet.container.ContainerAdapters;
import io.redissession.servlet.container.DescriptorListeners;
import io.redissession.servlet.container.SessionListenerSet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EventListener;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Registers the application's session listeners for Redis sessions when the filter starts. On Tomcat, Jetty and
 * Undertow/WildFly these are the container's own instances, however they were registered, and the container's own
 * sessions stop notifying them; elsewhere (or with {@code listenerDiscovery=descriptors}) the filter creates
 * instances of the classes the descriptors name. The classes of the {@code sessionListeners} setting are added
 * unless already there.
 */
final class ListenerFinder {

    private static final Logger LOG = Logger.getLogger(ListenerFinder.class.getName());

    private ListenerFinder() {
    }

    /**
     * @param context the application; not {@code null}
     * @param settings the filter's settings; not {@code null}
     * @param loader the application's class loader; not {@code null}
     * @param registry where to register them; not {@code null}
     * @throws InvalidSettingException if a class of the {@code sessionListeners} setting cannot be loaded, is not
     *         a session listener, or cannot be instantiated
     */
    static void register(ServletContext context, RedisSessionSettings settings, ClassLoader loader,
            SessionListeners registry) {
        Optional<ContainerAdapter> adapter = settings.listenerDiscovery() == ListenerDiscovery.AUTO
                ? ContainerAdapters.find(context) : Optional.empty();
        if (adapter.isPresent()) {
            fromContainer(context, adapter.get(), registry);
        } else {
            fromDescriptors(context, loader, registry, settings.sessionListeners());
        }
        for (String name : settings.sessionListeners()) {
            Class<?> type = configuredClass(name, loader);
            if (!registry.hasClass(type)) {
                registry.addFound(create(context, type, "sessionListeners", name));
            }
        }
    }

    private static void fromContainer(ServletContext context, ContainerAdapter adapter, SessionListeners registry) {
        SessionListenerSet found = adapter.sessionListeners();
        found.lifecycle().forEach(l -> registry.addFound(HttpSessionListener.class, l));
        found.attribute().forEach(l -> registry.addFound(HttpSessionAttributeListener.class, l));
        found.id().forEach(l -> registry.addFound(HttpSessionIdListener.class, l));
        List<EventListener> kept = adapter.detach(found);
        LOG.info("Session listeners of " + describe(context) + " read from " + adapter.name() + "'s registry (every"
                + " source: web.xml, web-fragment.xml, @WebListener, addListener): " + names(found.all()));
        if (!kept.isEmpty()) {
            LOG.info("These session listeners also serve other events, so " + adapter.name() + "'s own sessions, if"
                    + " something before the filter creates one, still notify them: " + names(kept));
        }
    }

    private static void fromDescriptors(ServletContext context, ClassLoader loader, SessionListeners registry,
            List<String> configured) {
        DescriptorListeners descriptors = DescriptorListeners.read(context);
        List<EventListener> created = new ArrayList<>();
        for (String name : descriptors.classNames()) {
            if (configured.contains(name)) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (SessionListeners.isSupported(type)) {
                    created.add(instantiate(context, type));
                }
            } catch (ReflectiveOperationException | ServletException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Listener [" + name + "] cannot be created; it will not receive the events of"
                        + " Redis sessions", e);
            }
        }
        created.forEach(registry::addFound);
        LOG.info("Session listeners of " + describe(context) + " read from " + descriptors.sources() + ": "
                + names(created) + " (instances created by the filter)");
        LOG.warning("The listener registry of this container (" + context.getServerInfo() + ") cannot be read:"
                + " session listeners the application adds in code (ServletContext.addListener) do not receive the"
                + " events of Redis sessions; name their classes in the sessionListeners setting, or register the"
                + " instances with io.redissession.servlet.RedisSessionListeners.add");
    }

    private static Class<?> configuredClass(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (!SessionListeners.isSupported(type)) {
                throw new InvalidSettingException("sessionListeners", name, null, "classes implementing"
                        + " HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener or"
                        + " SessionNoticeListener");
            }
            return type;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidSettingException("sessionListeners", name, null,
                    "a class the web application can load and instantiate (" + e + ")");
        }
    }

    private static EventListener create(ServletContext context, Class<?> type, String setting, String name) {
        try {
            return instantiate(context, type);
        } catch (ReflectiveOperationException | ServletException | RuntimeException | LinkageError e) {
            throw new InvalidSettingException(setting, name, null,
                    "a class the web application can load and instantiate (" + e + ")");
        }
    }

    private static EventListener instantiate(ServletContext context, Class<?> type)
            throws ReflectiveOperationException, ServletException {
        Class<? extends EventListener> listenerType = type.asSubclass(EventListener.class);
        try {
            return context.createListener(listenerType);
        } catch (UnsupportedOperationException | IllegalStateException | IllegalArgumentException e) {
            return listenerType.getDeclaredConstructor().newInstance();
        }
    }

    private static String names(Collection<? extends EventListener> listeners) {
        return listeners.isEmpty() ? "none" : listeners.stream().map(l -> l.getClass().getName())
                .collect(Collectors.joining(", "));
    }

    private static String describe(ServletContext context) {
        String path = context.getContextPath();
        return "context [" + (path == null || path.isEmpty() ? "/" : path) + "]";
    }
}
