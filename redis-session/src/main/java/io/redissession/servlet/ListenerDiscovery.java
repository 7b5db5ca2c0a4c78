package io.redissession.servlet;

import io.redissession.config.InvalidSettingException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the session listeners of a web application that the filter can know about by itself: the
 * {@code <listener-class>}es of {@code WEB-INF/web.xml} that implement a session listener type, and the classes the
 * {@code sessionListeners} setting names. Each is instantiated through {@link ServletContext#createListener}, so
 * the container injects its resources as it does for its own instance.
 */
final class ListenerDiscovery {

    private static final Logger LOG = Logger.getLogger(ListenerDiscovery.class.getName());
    private static final String DESCRIPTOR = "/WEB-INF/web.xml";

    private ListenerDiscovery() {
    }

    /**
     * @param context the application; not {@code null}
     * @param configured class names from the {@code sessionListeners} setting; not {@code null}
     * @param loader the application's class loader; not {@code null}
     * @return new listener instances, declared ones first
     * @throws InvalidSettingException if a configured class cannot be loaded, is not a session listener, or
     *         cannot be instantiated
     */
    static List<EventListener> discover(ServletContext context, List<String> configured, ClassLoader loader) {
        List<EventListener> found = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(declaredListenerClasses(context));
        names.removeAll(configured);
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (SessionListeners.isSupported(type)) {
                    found.add(instantiate(context, type));
                }
            } catch (ReflectiveOperationException | ServletException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Listener [" + name + "] of " + DESCRIPTOR + " cannot be created; it will not"
                        + " receive the events of Redis sessions", e);
            }
        }
        for (String name : configured) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (!SessionListeners.isSupported(type)) {
                    throw new InvalidSettingException("sessionListeners", name, null, "classes implementing"
                            + " HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener or"
                            + " SessionNoticeListener");
                }
                found.add(instantiate(context, type));
            } catch (ReflectiveOperationException | ServletException | RuntimeException | LinkageError e) {
                if (e instanceof InvalidSettingException invalid) {
                    throw invalid;
                }
                throw new InvalidSettingException("sessionListeners", name, null,
                        "a class the web application can load and instantiate (" + e + ")");
            }
        }
        return found;
    }

    /** @return the {@code <listener-class>} names of {@code WEB-INF/web.xml}, or none if there is no such file */
    static List<String> declaredListenerClasses(ServletContext context) {
        List<String> names = new ArrayList<>();
        try (InputStream in = context.getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                return names;
            }
            NodeList listeners = parser().newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "listener");
            for (int i = 0; i < listeners.getLength(); i++) {
                for (Node child = listeners.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element element && "listener-class".equals(element.getLocalName())) {
                        names.add(element.getTextContent().trim());
                    }
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read the listeners of " + DESCRIPTOR + "; register session listeners"
                    + " with the sessionListeners setting instead", e);
        }
        return names;
    }

    private static DocumentBuilderFactory parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        return factory;
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
}
