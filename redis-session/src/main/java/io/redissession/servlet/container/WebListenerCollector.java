package io.redissession.servlet.container;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Remembers the application's {@code @WebListener} classes, which the container hands to every
 * {@code ServletContainerInitializer} asking for them, for containers whose listener registry the filter cannot
 * read. Registered in {@code META-INF/services}; does nothing else.
 */
@HandlesTypes(WebListener.class)
public final class WebListenerCollector implements ServletContainerInitializer {

    /** Context attribute holding the class names found, sorted. */
    static final String ATTRIBUTE = WebListenerCollector.class.getName();

    /** Creates the initializer; the container does. */
    public WebListenerCollector() {
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        List<String> names = new ArrayList<>();
        if (classes != null) {
            for (Class<?> type : classes) {
                if (type.isAnnotationPresent(WebListener.class)) {
                    names.add(type.getName());
                }
            }
        }
        names.sort(null);
        context.setAttribute(ATTRIBUTE, List.copyOf(names));
    }
}
