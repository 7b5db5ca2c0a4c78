package io.redissession.servlet;

import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Containers that support injection (WildFly, Payara) index the servlets, filters and listeners of every jar in
 * {@code WEB-INF/lib} as components and warn at each deployment about one they cannot instantiate
 * (WildFly: WFLYEE0007). Every such class in this library has a no-argument constructor.
 */
class ContainerComponentsTest {

    private static final List<Class<?>> COMPONENT_TYPES = List.of(Servlet.class, Filter.class,
            AsyncListener.class, EventListener.class);

    @Test
    void everyServletFilterAndListenerClassHasANoArgumentConstructor() throws Exception {
        List<Class<?>> components = components();
        assertTrue(components.contains(RedisSessionFilter.class), "the scan finds the filter: " + components);
        assertTrue(components.stream().anyMatch(AsyncListener.class::isAssignableFrom),
                "the scan finds the async listener: " + components);
        List<String> withoutConstructor = new ArrayList<>();
        for (Class<?> component : components) {
            try {
                component.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                withoutConstructor.add(component.getName());
            }
        }
        assertEquals(List.of(), withoutConstructor);
    }

    private static List<Class<?>> components() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(RedisSessionFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = classes.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, ContainerComponentsTest.class.getClassLoader());
                if (COMPONENT_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type)) && !type.isInterface()) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
