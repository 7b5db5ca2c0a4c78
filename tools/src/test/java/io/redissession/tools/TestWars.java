package io.redissession.tools;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * WARs for the splicer's tests: a counter servlet ({@code @WebServlet("/counter")}, also declared by the
 * descriptors) and a filter that stamps a response header, compiled at run time against the servlet API of one
 * Tomcat's jars (javax or jakarta), with the {@code web.xml} given or none.
 */
final class TestWars {

    private static final String COUNTER = """
            package splicetest;
            @API.annotation.WebServlet(name = "counter", urlPatterns = "/counter")
            public class CounterServlet extends API.http.HttpServlet {
                @Override
                protected void doGet(API.http.HttpServletRequest request, API.http.HttpServletResponse response)
                        throws java.io.IOException {
                    API.http.HttpSession session = request.getSession();
                    Integer count = (Integer) session.getAttribute("count");
                    count = count == null ? 1 : count + 1;
                    session.setAttribute("count", count);
                    response.setContentType("text/plain");
                    response.getWriter().print(count + " " + session.getClass().getName());
                }
            }
            """;

    private static final String STAMP = """
            package splicetest;
            public class StampFilter implements API.Filter {
                @Override
                public void doFilter(API.ServletRequest request, API.ServletResponse response, API.FilterChain chain)
                        throws java.io.IOException, API.ServletException {
                    ((API.http.HttpServletResponse) response).setHeader("X-Stamp", "kept");
                    chain.doFilter(request, response);
                }
            }
            """;

    private final Map<String, byte[]> classes = new LinkedHashMap<>();

    /**
     * @param tomcatJars the folder of a Tomcat's jars, whose servlet API the classes are compiled against
     * @param apiPackage {@code javax.servlet} or {@code jakarta.servlet}
     */
    TestWars(Path tomcatJars, String apiPackage) throws IOException {
        Path work = Files.createTempDirectory("splice-classes");
        Path sources = Files.createDirectories(work.resolve("src/splicetest"));
        Files.writeString(sources.resolve("CounterServlet.java"), COUNTER.replace("API", apiPackage));
        Files.writeString(sources.resolve("StampFilter.java"), STAMP.replace("API", apiPackage));
        String classPath;
        try (Stream<Path> jars = Files.list(tomcatJars)) {
            classPath = jars.map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createDirectories(work.resolve("classes"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, "-d", out.toString(), "-classpath", classPath, "--release", "11",
                sources.resolve("CounterServlet.java").toString(), sources.resolve("StampFilter.java").toString());
        if (code != 0) {
            throw new IllegalStateException("cannot compile the test servlet: " + errors);
        }
        for (String name : List.of("CounterServlet", "StampFilter")) {
            classes.put("WEB-INF/classes/splicetest/" + name + ".class",
                    Files.readAllBytes(out.resolve("splicetest/" + name + ".class")));
        }
    }

    /**
     * @param war where to write it
     * @param webXml the descriptor, or {@code null} for a WAR without one
     * @return the WAR
     */
    Path write(Path war, String webXml) throws IOException {
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            put(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "WEB-INF/", null);
            if (webXml != null) {
                put(zip, "WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8));
            }
            put(zip, "WEB-INF/classes/", null);
            put(zip, "WEB-INF/classes/splicetest/", null);
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
            put(zip, "index.html", "<p>static page</p>".getBytes(StandardCharsets.UTF_8));
        }
        return war;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        if (content != null) {
            zip.write(content);
        }
        zip.closeEntry();
    }
}
