package io.redissession.testkit;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Eclipse Jetty 12 (EE10) hosting the web apps, one {@link ServletContextHandler} each. The build of
 * redis-session-javax-it rewrites this source into {@code Jetty10Container} for Jetty 10: keep its replacements
 * matching when changing the calls they name.
 */
public final class JettyContainer extends AbstractServletContainer {

    private static final int MAX_THREADS = 64;
    private static final int MIN_THREADS = 4;

    private Server server;
    private final List<ServletContextHandler> contexts = new ArrayList<>();

    /**
     * Creates the container; {@link #start()} starts it.
     *
     * @param port the port, or {@code 0} for a free one
     * @param apps the web apps, at least one, with distinct context paths
     */
    public JettyContainer(int port, WebAppSpec... apps) {
        super(port, apps);
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    void doStart(int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("jetty-" + port);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(FreePorts.HOST);
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandlerCollection handlers = new ContextHandlerCollection();
        for (WebAppSpec app : apps()) {
            ServletContextHandler context = context(app);
            contexts.add(context);
            handlers.addHandler(context);
        }
        server.setHandler(handlers);
        server.start();
        for (int i = 0; i < contexts.size(); i++) {
            ServletContextHandler context = contexts.get(i);
            if (!context.isAvailable()) {
                throw new IllegalStateException("web app [" + context.getDisplayName() + "] is unavailable; Jetty logged the cause");
            }
            if (apps().get(i).filter() != null) {
                moveFirst(context.getServletHandler(), apps().get(i).filter().name());
            }
        }
    }

    @Override
    void doStop() throws Exception {
        Server s = server;
        server = null;
        contexts.clear();
        if (s != null) {
            s.stop();
        }
    }

    /** Puts the mappings of a filter before those a listener may have prepended while starting. */
    private static void moveFirst(ServletHandler handler, String filterName) {
        FilterMapping[] mappings = handler.getFilterMappings();
        if (mappings == null || mappings.length == 0 || mappings[0].getFilterName().equals(filterName)) {
            return;
        }
        List<FilterMapping> ordered = new ArrayList<>();
        for (FilterMapping mapping : mappings) {
            if (mapping.getFilterName().equals(filterName)) {
                ordered.add(mapping);
            }
        }
        for (FilterMapping mapping : mappings) {
            if (!mapping.getFilterName().equals(filterName)) {
                ordered.add(mapping);
            }
        }
        handler.setFilterMappings(ordered.toArray(FilterMapping[]::new));
    }

    private static ServletContextHandler context(WebAppSpec app) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath(app.contextPath().isEmpty() ? "/" : app.contextPath());
        context.setDisplayName(app.displayName());
        context.setCrossContextDispatchSupported(true);
        context.getSessionHandler().setMaxInactiveInterval(app.sessionTimeoutMinutes() * 60);
        app.contextParams().forEach(context::setInitParameter);
        if (app.resourceBase() != null) {
            context.setBaseResourceAsPath(app.resourceBase());
        }
        context.addServletContainerInitializer(new WebAppInitializer(app, false));
        ServletHandler handler = context.getServletHandler();
        if (app.filter() != null) {
            FilterHolder holder = new FilterHolder(app.filter().filterClass());
            holder.setName(app.filter().name());
            holder.setInitParameters(app.filter().initParams());
            holder.setAsyncSupported(true);
            FilterMapping mapping = new FilterMapping();
            mapping.setFilterName(holder.getName());
            mapping.setPathSpec("/*");
            mapping.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
            handler.addFilter(holder);
            handler.prependFilterMapping(mapping);
        }
        for (WebAppSpec.ServletSpec servlet : app.servlets()) {
            ServletHolder holder = new ServletHolder(servlet.name(), servlet.factory().get());
            holder.setAsyncSupported(true);
            handler.addServlet(holder);
            ServletMapping mapping = new ServletMapping();
            mapping.setServletName(servlet.name());
            mapping.setPathSpecs(servlet.urlPatterns().toArray(String[]::new));
            handler.addServletMapping(mapping);
        }
        app.listeners().forEach(context::addEventListener);
        for (Class<? extends EventListener> type : app.declaredListeners()) {
            try {
                context.addEventListener(type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("declaredListener: cannot instantiate [" + type.getName() + "]", e);
            }
        }
        if (!app.errorPages().isEmpty()) {
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            for (WebAppSpec.ErrorPageSpec page : app.errorPages()) {
                if (page.status() != null) {
                    errors.addErrorPage(page.status(), page.location());
                } else {
                    errors.addErrorPage(page.exceptionType(), page.location());
                }
            }
            context.setErrorHandler(errors);
        }
        return context;
    }
}
