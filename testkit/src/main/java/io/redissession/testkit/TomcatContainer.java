package io.redissession.testkit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.authenticator.FormAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.apache.tomcat.util.modeler.Registry;

/**
 * Embedded Apache Tomcat hosting the web apps. Sessions are not persisted across restarts, JMX
 * registration is off, and a default servlet answers 404 for unmapped paths (so the filter sees
 * every request, as on the other containers).
 */
public final class TomcatContainer extends AbstractServletContainer {

    private static final String ACCESS_SESSION = "org.apache.catalina.core.StandardHostValve.ACCESS_SESSION";

    static {
        Registry.disableRegistry();
        // Tomcat takes the first base dir as catalina.home for the whole JVM and recreates it
        // later: give it a lasting, empty home instead of one of our temporary base dirs
        if (System.getProperty("catalina.home") == null) {
            Path home = Path.of(System.getProperty("java.io.tmpdir"), "redis-session-testkit", "tomcat-home");
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create [" + home + "]", e);
            }
            System.setProperty("catalina.home", home.toString());
        }
    }

    private Tomcat tomcat;
    private Path baseDir;
    private final List<Context> contexts = new ArrayList<>();

    /**
     * Creates the container; {@link #start()} starts it.
     *
     * @param port the port, or {@code 0} for a free one
     * @param apps the web apps, at least one, with distinct context paths
     */
    public TomcatContainer(int port, WebAppSpec... apps) {
        super(port, apps);
    }

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    void doStart(int port) throws Exception {
        baseDir = TempDirs.create("redis-session-testkit-tomcat-");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setSilent(true);
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", FreePorts.HOST);
        connector.setThrowOnFailure(true);
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        tomcat.getHost().setAppBase(Files.createDirectories(baseDir.resolve("webapps")).toString());
        for (WebAppSpec app : apps()) {
            contexts.add(deploy(app));
        }
        tomcat.start();
        if (connector.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the connector did not start: " + connector.getState());
        }
        for (Context context : contexts) {
            if (context.getState() != LifecycleState.STARTED) {
                throw new IllegalStateException("web app [" + context.getDisplayName() + "] did not start (" + context.getState()
                        + "); Tomcat logged the cause");
            }
        }
    }

    @Override
    void doStop() throws Exception {
        Tomcat t = tomcat;
        tomcat = null;
        contexts.clear();
        try {
            if (t != null) {
                t.stop();
                t.destroy();
            }
        } finally {
            TempDirs.delete(baseDir);
        }
    }

    /**
     * Sets the context's {@code alwaysAccessSession}. Tomcat 9 (the javax build of the suites) has no such attribute:
     * there the JVM-wide system property {@value #ACCESS_SESSION} decides, and an app that asks for it needs it set.
     */
    private static void alwaysAccessSession(StandardContext context, boolean always) {
        try {
            StandardContext.class.getMethod("setAlwaysAccessSession", boolean.class).invoke(context, always);
        } catch (NoSuchMethodException e) {
            if (always != Boolean.getBoolean(ACCESS_SESSION)) {
                throw new IllegalStateException("This Tomcat reads alwaysAccessSession from the system property "
                        + ACCESS_SESSION + ", which is not " + always, e);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot set alwaysAccessSession", e);
        }
    }

    private Context deploy(WebAppSpec app) throws Exception {
        String docName = app.contextPath().isEmpty() ? "ROOT" : app.contextPath().substring(1).replace('/', '#');
        Path docBase = app.resourceBase() != null ? app.resourceBase()
                : Files.createDirectories(baseDir.resolve("docs").resolve(docName));
        StandardContext context = (StandardContext) tomcat.addContext(app.contextPath(), docBase.toString());
        // these leak checks only print that they need --add-opens; thread leak warnings stay
        context.setClearReferencesRmiTargets(false);
        context.setClearReferencesThreadLocals(false);
        context.setDisplayName(app.displayName());
        context.setCrossContext(true);
        StandardManager manager = new StandardManager();
        manager.setPathname(null);
        context.setManager(manager);
        context.setSessionTimeout(app.sessionTimeoutMinutes());
        alwaysAccessSession(context, app.alwaysAccessSession());
        if (app.containerAuth() != null) {
            protect(context, app.containerAuth());
        }
        app.contextParams().forEach(context::addParameter);
        app.declaredListeners().forEach(type -> context.addApplicationListener(type.getName()));
        context.addServletContainerInitializer(new WebAppInitializer(app, true), null);
        if (app.filter() != null) {
            addFilter(context, app.filter());
        }
        boolean rootMapped = false;
        for (WebAppSpec.ServletSpec servlet : app.servlets()) {
            Wrapper wrapper = Tomcat.addServlet(context, servlet.name(), servlet.factory().get());
            wrapper.setAsyncSupported(true);
            for (String pattern : servlet.urlPatterns()) {
                context.addServletMappingDecoded(pattern, servlet.name());
                rootMapped |= pattern.equals("/");
            }
        }
        if (!rootMapped) {
            Tomcat.addServlet(context, "default", new DefaultServlet()).setAsyncSupported(true);
            context.addServletMappingDecoded("/", "default");
        }
        for (WebAppSpec.ErrorPageSpec spec : app.errorPages()) {
            ErrorPage page = new ErrorPage();
            if (spec.status() != null) {
                page.setErrorCode(spec.status());
            } else {
                page.setExceptionType(spec.exceptionType().getName());
            }
            page.setLocation(spec.location());
            context.addErrorPage(page);
        }
        return context;
    }

    /** The container's own BASIC or FORM authentication on one URL pattern, against Tomcat's in-memory users. */
    private void protect(StandardContext context, WebAppSpec.ContainerAuthSpec auth) {
        auth.users().forEach((user, password) -> {
            tomcat.addUser(user, password);
            tomcat.addRole(user, "user");
        });
        LoginConfig login = new LoginConfig();
        login.setAuthMethod(auth.method());
        login.setRealmName("test");
        login.setLoginPage(auth.loginPage());
        login.setErrorPage(auth.errorPage());
        context.setLoginConfig(login);
        SecurityCollection collection = new SecurityCollection();
        collection.addPattern(auth.urlPattern());
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole("user");
        constraint.addCollection(collection);
        context.addConstraint(constraint);
        context.addSecurityRole("user");
        context.getPipeline().addValve(auth.method().equals("FORM") ? new FormAuthenticator() : new BasicAuthenticator());
    }

    private static void addFilter(Context context, WebAppSpec.FilterSpec spec) throws Exception {
        FilterDef def = new FilterDef();
        def.setFilterName(spec.name());
        def.setFilterClass(spec.filterClass().getName());
        Filter filter = spec.filterClass().getDeclaredConstructor().newInstance();
        def.setFilter(filter);
        def.setAsyncSupported("true");
        spec.initParams().forEach(def::addInitParameter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(spec.name());
        map.addURLPattern("/*");
        for (DispatcherType type : DispatcherType.values()) {
            map.setDispatcher(type.name());
        }
        // "before" maps precede every map added later, even those added programmatically
        context.addFilterMapBefore(map);
    }
}
