package io.redissession.tools;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * An embedded Tomcat loaded from its own jars in a class loader of its own (the test class path holds neither
 * servlet API), so that Tomcat 9 (javax) and Tomcat 11 (jakarta) run side by side in one JVM. WARs are deployed as
 * a container deploys them: {@code Tomcat.addWebapp} expands the WAR, reads its {@code web.xml}, scans
 * {@code WEB-INF/lib} and its annotations. Driven by reflection: nothing of Tomcat is linked into the tests.
 */
final class IsolatedTomcat implements AutoCloseable {

    /** Strong references: java.util.logging forgets the level of a logger that is collected. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private final URLClassLoader loader;
    private final Object tomcat;
    private final Path base;

    /**
     * The JVM takes one URL handler factory, and another test of the same JVM may have installed its own Tomcat's:
     * this one never installs its factory, whatever ran before it (Tomcat then reads WARs through {@code jar:} URLs).
     *
     * @param jars the folder holding {@code tomcat-embed-core} and {@code tomcat-annotations-api}
     */
    IsolatedTomcat(Path jars) throws Exception {
        quietLogs();
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        base = Files.createTempDirectory("splice-tomcat");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory")
                    .getMethod("disable").invoke(null);
            tomcat = loader.loadClass("org.apache.catalina.startup.Tomcat").getConstructor().newInstance();
            call(tomcat, "setBaseDir", base.toString());
            call(tomcat, "setPort", 0);
            call(tomcat, "setAddDefaultWebXmlToWebapp", false);
            // web apps delegate to this Tomcat's loader, not to the system class loader (the tests' class path)
            call(call(tomcat, "getServer"), "setParentClassLoader", loader);
            Files.createDirectories(base.resolve("webapps"));
            call(call(tomcat, "getHost"), "setAppBase", base.resolve("webapps").toString());
            call(tomcat, "getConnector");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Deploys a WAR at a context path; call before {@link #start()}. */
    void deploy(String contextPath, Path war) throws Exception {
        Path copy = base.resolve("webapps").resolve(contextPath.substring(1) + ".war");
        Files.copy(war, copy);
        call(tomcat, "addWebapp", contextPath, copy.toString());
    }

    /** Starts the server and every deployed application. */
    void start() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            call(tomcat, "start");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @return the loopback URL of a path on this server */
    String url(String path) throws Exception {
        return "http://127.0.0.1:" + call(call(tomcat, "getConnector"), "getLocalPort") + path;
    }

    /** @return whether the application at the context path is started */
    boolean isAvailable(String contextPath) throws Exception {
        Object context = call(call(tomcat, "getHost"), "findChild", contextPath);
        return context != null && (boolean) call(call(context, "getState"), "isAvailable");
    }

    @Override
    public void close() throws Exception {
        try {
            call(tomcat, "stop");
            call(tomcat, "destroy");
        } finally {
            loader.close();
        }
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length
                    && accepts(method.getParameterTypes(), args)) {
                return method.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i] == int.class ? Integer.class : types[i] == boolean.class ? Boolean.class
                    : types[i];
            if (!type.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static synchronized void quietLogs() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        for (String name : List.of("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat",
                "org.apache.jasper", "io.redissession")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }
}
