package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Finds the {@link ContainerAdapter} of the container running a web application. Internal. */
public final class ContainerAdapters {

    private static final Logger LOG = Logger.getLogger(ContainerAdapters.class.getName());

    private ContainerAdapters() {
    }

    /**
     * @param context the application's context, as the filter got it; not {@code null}
     * @return the adapter of its container, or empty if the container is none of the known families or its
     *         internals do not have the expected shape
     */
    public static Optional<ContainerAdapter> find(ServletContext context) {
        try {
            Optional<ContainerAdapter> adapter = TomcatAdapter.of(context);
            if (adapter.isEmpty()) {
                adapter = JettyAdapter.of(context);
            }
            if (adapter.isEmpty()) {
                adapter = UndertowAdapter.of(context);
            }
            return adapter;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "The container of " + context.getClass().getName() + " has no known listener"
                    + " registry", e);
            return Optional.empty();
        }
    }
}
