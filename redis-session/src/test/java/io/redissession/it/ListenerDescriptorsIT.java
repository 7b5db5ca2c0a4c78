package io.redissession.it;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.WebAppSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portable way to find listeners ({@code listenerDiscovery=descriptors}, what containers without an adapter
 * get): {@code WEB-INF/web.xml}, then the {@code web-fragment.xml} of the jars of {@code WEB-INF/lib} in
 * {@code <absolute-ordering>}; {@code metadata-complete} stops at {@code web.xml}. On Tomcat, Jetty and Undertow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerDescriptorsIT {

    private List<ServletContainer> containers;
    private Path base;

    @BeforeAll
    void start() throws IOException {
        base = Files.createTempDirectory("listener-descriptors");
        String uri = SharedTopologies.get("standalone").uri();
        containers = ProbeApp.startAll(app("/ordered", uri, webApp(base.resolve("ordered"), "false", false)),
                app("/complete", uri, webApp(base.resolve("complete"), "true", false)),
                app("/distributable", uri, webApp(base.resolve("distributable"), "false", true)));
    }

    @AfterAll
    void stop() throws IOException {
        ProbeApp.closeAll(containers);
        try (var files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @BeforeEach
    void clear() {
        SourceListener.EVENTS.clear();
    }

    private static WebAppSpec app(String contextPath, String uri, Path resources) {
        return WebAppSpec.builder().contextPath(contextPath).resourceBase(resources)
                .filter("redisSession", RedisSessionFilter.class, Map.of("redisUri", uri, "sessionNamespace",
                        "descriptors" + contextPath.replace('/', '-'), "listenerDiscovery", "descriptors"))
                .servlet("probe", new ProbeServlet(), "/probe/*")
                .build();
    }

    @Test
    void webXmlThenFragmentsInAbsoluteOrdering() {
        for (ServletContainer container : containers) {
            assertEquals(List.of("web.xml", "fragment-b", "fragment-a"), lifecycle(container, "/ordered", "created"),
                    container.name());
            assertEquals(List.of("fragment-a", "fragment-b", "web.xml"), SourceListener.EVENTS.stream()
                    .filter(e -> e.kind().equals("destroyed")).map(SourceListener.Event::source).toList(),
                    "sessionDestroyed in reverse order on " + container.name());
        }
    }

    @Test
    void metadataCompleteStopsAtWebXml() {
        for (ServletContainer container : containers) {
            assertEquals(List.of("web.xml"), lifecycle(container, "/complete", "created"), container.name());
        }
    }

    @Test
    void distributableInWebXmlAndEveryFragmentRefusesValuesThatCannotBeStored() {
        for (ServletContainer container : containers) {
            Browser browser = new Browser();
            assertTrue(ProbeApp.parse(browser.get(container.url("/distributable/probe/set-node-only?name=a&value=1")))
                    .containsKey("refused"), container.name());
            assertTrue(ProbeApp.parse(browser.get(container.url("/ordered/probe/set-node-only?name=a&value=1")))
                    .containsKey("set"), container.name());
        }
    }

    /** Creates and invalidates a session; @return the sources that heard the event of that kind, in order. */
    private static List<String> lifecycle(ServletContainer container, String app, String kind) {
        SourceListener.EVENTS.clear();
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(container.url(app + "/probe/create"))).get("id");
        browser.get(container.url(app + "/probe/invalidate"));
        return SourceListener.about(id).stream().filter(e -> e.kind().equals(kind))
                .map(SourceListener.Event::source).toList();
    }

    /**
     * An unpacked WAR: web.xml with one listener and an absolute ordering, and two jars with fragments; all three
     * marked {@code <distributable/>} or none.
     */
    private static Path webApp(Path root, String metadataComplete, boolean distributable) throws IOException {
        String marker = distributable ? "<distributable/>" : "";
        Path webInf = Files.createDirectories(root.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="%s">
                  %s
                  <absolute-ordering><name>b</name><others/></absolute-ordering>
                  <listener><listener-class>%s</listener-class></listener>
                </web-app>
                """.formatted(metadataComplete, marker, SourceListener.WebXml.class.getName()));
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        fragmentJar(lib.resolve("a.jar"), "a", SourceListener.FragmentA.class, marker);
        fragmentJar(lib.resolve("b.jar"), "b", SourceListener.FragmentB.class, marker);
        return root;
    }

    private static void fragmentJar(Path jar, String name, Class<?> listener, String marker) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("META-INF/web-fragment.xml"));
            out.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                      <name>%s</name>
                      %s
                      <listener><listener-class>%s</listener-class></listener>
                    </web-fragment>
                    """.formatted(name, marker, listener.getName()).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
