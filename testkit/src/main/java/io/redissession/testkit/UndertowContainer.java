package io.redissession.testkit;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.FilterMappingInfo;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Set;

/** Embedded Undertow hosting the web apps, one deployment each under a {@link PathHandler}. */
public final class UndertowContainer extends AbstractServletContainer {

    private static final int IO_THREADS = 2;
    private static final int WORKER_THREADS = 32;

    private Undertow server;
    private final List<DeploymentManager> managers = new ArrayList<>();

    /**
     * Creates the container; {@link #start()} starts it.
     *
     * @param port the port, or {@code 0} for a free one
     * @param apps the web apps, at least one, with distinct context paths
     */
    public UndertowContainer(int port, WebAppSpec... apps) {
        super(port, apps);
    }

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    void doStart(int port) throws Exception {
        io.undertow.servlet.api.ServletContainer container = io.undertow.servlet.api.ServletContainer.Factory.newInstance();
        PathHandler paths = Handlers.path();
        for (WebAppSpec app : apps()) {
            DeploymentManager manager = container.addDeployment(deployment(app, port));
            managers.add(manager);
            manager.deploy();
            checkFilterFirst(app, manager);
            paths.addPrefixPath(app.contextPath().isEmpty() ? "/" : app.contextPath(), manager.start());
        }
        server = Undertow.builder()
                .addHttpListener(port, FreePorts.HOST)
                .setIoThreads(IO_THREADS)
                .setWorkerThreads(WORKER_THREADS)
                .setHandler(paths)
                .build();
        server.start();
    }

    @Override
    void doStop() throws Exception {
        Undertow s = server;
        server = null;
        try {
            if (s != null) {
                s.stop();
            }
        } finally {
            Exception failure = null;
            for (DeploymentManager manager : managers) {
                try {
                    manager.stop();
                    manager.undeploy();
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            managers.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Undertow offers no way to reorder the mappings a listener inserted before ours: refuse them. */
    private static void checkFilterFirst(WebAppSpec app, DeploymentManager manager) {
        List<FilterMappingInfo> mappings = manager.getDeployment().getDeploymentInfo().getFilterMappings();
        if (app.filter() != null && !mappings.get(0).getFilterName().equals(app.filter().name())) {
            throw new IllegalStateException("web app [" + app.displayName() + "]: filter [" + mappings.get(0).getFilterName()
                    + "] was mapped before [" + app.filter().name() + "] while starting; Undertow cannot put it after");
        }
    }

    private static DeploymentInfo deployment(WebAppSpec app, int port) {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowContainer.class.getClassLoader())
                .setContextPath(app.contextPath().isEmpty() ? "/" : app.contextPath())
                .setDeploymentName(app.displayName() + "@" + port)
                .setDisplayName(app.displayName())
                .setDefaultSessionTimeout(app.sessionTimeoutMinutes() * 60)
                .setEagerFilterInit(true);
        app.contextParams().forEach(deployment::addInitParameter);
        if (app.resourceBase() != null) {
            deployment.setResourceManager(new io.undertow.server.handlers.resource.PathResourceManager(
                    app.resourceBase()));
        }
        deployment.addServletContainerInitializer(new ServletContainerInitializerInfo(WebAppInitializer.class,
                new ImmediateInstanceFactory<>(new WebAppInitializer(app, false)), Set.of()));
        if (app.filter() != null) {
            FilterInfo filter = Servlets.filter(app.filter().name(), app.filter().filterClass()).setAsyncSupported(true);
            app.filter().initParams().forEach(filter::addInitParam);
            deployment.addFilter(filter);
            int position = 0;
            for (DispatcherType type : DispatcherType.values()) {
                deployment.insertFilterUrlMapping(position++, filter.getName(), "/*", type);
            }
        }
        for (WebAppSpec.ServletSpec servlet : app.servlets()) {
            deployment.addServlet(servletInfo(servlet.name(), servlet.factory().get())
                    .addMappings(servlet.urlPatterns())
                    .setAsyncSupported(true));
        }
        app.listeners().forEach(listener -> deployment.addListener(listenerInfo(listener)));
        app.declaredListeners().forEach(type -> deployment.addListener(Servlets.listener(type)));
        for (WebAppSpec.ErrorPageSpec page : app.errorPages()) {
            deployment.addErrorPage(page.status() != null
                    ? Servlets.errorPage(page.location(), page.status())
                    : Servlets.errorPage(page.location(), page.exceptionType()));
        }
        return deployment;
    }

    private static <T extends Servlet> ServletInfo servletInfo(String name, T servlet) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) servlet.getClass();
        return Servlets.servlet(name, type, new ImmediateInstanceFactory<>(servlet));
    }

    private static <T extends EventListener> ListenerInfo listenerInfo(T listener) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) listener.getClass();
        return Servlets.listener(type, new ImmediateInstanceFactory<>(listener));
    }
}
