package io.redissession.javax;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A jakarta.servlet app on embedded Tomcat 11 with redis-session's -all jar, in a class loader of its own (the test
 * class path is the javax world): its launcher is compiled at run time against those two jars.
 */
final class JakartaSide implements AutoCloseable {

    private static final String SOURCE = """
            package jakartaside;
            public final class Server {
                public static Object start(String redisUri, String namespace) throws Exception {
                    // the JVM's URL handler factory is the javax Tomcat's already
                    org.apache.catalina.webresources.TomcatURLStreamHandlerFactory.disable();
                    java.nio.file.Path base = java.nio.file.Files.createTempDirectory("tomcat11");
                    org.apache.catalina.startup.Tomcat tomcat = new org.apache.catalina.startup.Tomcat();
                    tomcat.setBaseDir(base.toString());
                    tomcat.setPort(0);
                    org.apache.catalina.Context context = tomcat.addContext("/app", base.toString());
                    context.setParentClassLoader(Server.class.getClassLoader());
                    org.apache.tomcat.util.descriptor.web.FilterDef filter =
                            new org.apache.tomcat.util.descriptor.web.FilterDef();
                    filter.setFilterName("redisSession");
                    filter.setFilterClass("io.redissession.servlet.RedisSessionFilter");
                    filter.addInitParameter("redisUri", redisUri);
                    filter.addInitParameter("sessionNamespace", namespace);
                    context.addFilterDef(filter);
                    org.apache.tomcat.util.descriptor.web.FilterMap map =
                            new org.apache.tomcat.util.descriptor.web.FilterMap();
                    map.setFilterName("redisSession");
                    map.addURLPattern("/*");
                    context.addFilterMap(map);
                    org.apache.catalina.startup.Tomcat.addServlet(context, "counter", new Counter());
                    context.addServletMappingDecoded("/counter", "counter");
                    tomcat.getConnector();
                    tomcat.start();
                    return tomcat;
                }
                public static int port(Object tomcat) {
                    return ((org.apache.catalina.startup.Tomcat) tomcat).getConnector().getLocalPort();
                }
                public static void stop(Object tomcat) throws Exception {
                    ((org.apache.catalina.startup.Tomcat) tomcat).stop();
                    ((org.apache.catalina.startup.Tomcat) tomcat).destroy();
                }
                public static final class Counter extends jakarta.servlet.http.HttpServlet {
                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
                        jakarta.servlet.http.HttpSession session = request.getSession();
                        Integer counter = (Integer) session.getAttribute("counter");
                        int next = counter == null ? 1 : counter + 1;
                        session.setAttribute("counter", next);
                        response.getWriter().print("counter=" + next + " id=" + session.getId());
                    }
                }
            }
            """;

    private final URLClassLoader loader;
    private final Class<?> server;
    private final Object tomcat;

    JakartaSide(String redisUri, String namespace) throws Exception {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> tomcat11 = Files.list(Path.of(System.getProperty("jakarta.side.tomcat")))) {
            tomcat11.filter(jar -> jar.toString().endsWith(".jar")).forEach(jars::add);
        }
        jars.add(Path.of(System.getProperty("jakarta.side.filter")));
        Path classes = Files.createTempDirectory("jakarta-side");
        Path source = classes.resolve("jakartaside/Server.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classPath = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        int status = compiler.run(null, null, null, "--release", "17", "-cp", classPath, "-d", classes.toString(),
                source.toString());
        if (status != 0) {
            throw new IOException("the jakarta side did not compile");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        server = loader.loadClass("jakartaside.Server");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            tomcat = server.getMethod("start", String.class, String.class).invoke(null, redisUri, namespace);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    String url(String path) throws ReflectiveOperationException {
        Method port = server.getMethod("port", Object.class);
        return "http://127.0.0.1:" + port.invoke(null, tomcat) + "/app" + path;
    }

    @Override
    public void close() throws Exception {
        server.getMethod("stop", Object.class).invoke(null, tomcat);
        loader.close();
    }
}
