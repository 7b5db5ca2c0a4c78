package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Finds the {@link ContainerAdapter} of the container running a web application. Internal. */
public final class ContainerAdapters {

    private static final Logger LOG = Logger.getLogger(ContainerAdapters.class.getName());
    private static final List<AdapterFactory> FACTORIES = List.of(TomcatAdapter::of, GlassFishAdapter::of,
            JettyAdapter::of, UndertowAdapter::of);

    private ContainerAdapters() {
    }

    /**
     * @param context the application's context, as the filter got it; not {@code null}
     * @return the adapter of its container, or empty if the container is none of the known families or its
     *         internals do not have the expected shape
     */
    public static Optional<ContainerAdapter> find(ServletContext context) {
        for (AdapterFactory factory : FACTORIES) {
            try {
                Optional<ContainerAdapter> adapter = factory.of(context);
                if (adapter.isPresent()) {
                    return adapter;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.log(Level.FINE, "The internals of " + context.getClass().getName() + " do not have the shape"
                        + " an adapter expects", e);
            }
        }
        return Optional.empty();
    }

    /** Builds an adapter if the context belongs to its family. */
    @FunctionalInterface
    private interface AdapterFactory {
        Optional<ContainerAdapter> of(ServletContext context) throws ReflectiveOperationException;
    }
}
