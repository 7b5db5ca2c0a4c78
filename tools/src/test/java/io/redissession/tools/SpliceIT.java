package io.redissession.tools;

import io.redissession.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code redis-session splice}, run as an operator runs it ({@code java -jar}): WARs of every descriptor kind
 * (Servlet 2.5, 3.1 with a filter of its own and CRLF line ends, 4.0 {@code metadata-complete}, 5.0, 6.0 with an
 * {@code absolute-ordering}, and WARs without {@code web.xml}, javax and jakarta) are spliced, deployed into Tomcat 9
 * (javax) and Tomcat 11 (jakarta) as WARs, and all share one session and one counter. Then every refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpliceIT {

    private static final String NAMESPACE = "spliced";

    /** A test WAR: its context path, its descriptor (a resource of {@code splice/}, or none) and its API. */
    private record Variant(String context, String descriptor, boolean javax, boolean ownFilter) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("/v25", "web-2.5.xml", true, false),
            new Variant("/v50", "web-5.0.xml", false, false),
            new Variant("/v31", "web-3.1-filters.xml", true, true),
            new Variant("/v60", "web-6.0-ordering.xml", false, true),
            new Variant("/v40", "web-4.0-metadata-complete.xml", true, false),
            new Variant("/jakarta-none", null, false, false),
            new Variant("/javax-none", null, true, false));

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Variant, ToolProcess.Result> splices = new LinkedHashMap<>();
    private final Map<Variant, Path> inputs = new LinkedHashMap<>();
    private final Map<Variant, Path> outputs = new LinkedHashMap<>();
    private RedisServer redis;
    private IsolatedTomcat tomcat9;
    private IsolatedTomcat tomcat11;
    private TestWars javaxWars;
    private TestWars jakartaWars;
    private Path work;

    @BeforeAll
    void spliceAndDeploy() throws Exception {
        redis = RedisServer.start();
        work = Files.createTempDirectory("splice-it");
        Path tomcat9Jars = Path.of(System.getProperty("splice.tomcat9"));
        Path tomcat11Jars = Path.of(System.getProperty("splice.tomcat11"));
        javaxWars = new TestWars(tomcat9Jars, "javax.servlet");
        jakartaWars = new TestWars(tomcat11Jars, "jakarta.servlet");
        tomcat9 = new IsolatedTomcat(tomcat9Jars);
        tomcat11 = new IsolatedTomcat(tomcat11Jars);
        for (Variant variant : VARIANTS) {
            Path war = (variant.javax() ? javaxWars : jakartaWars).write(work.resolve(variant.context().substring(1)
                    + ".war"), variant.descriptor() == null ? null : resource(variant.descriptor()));
            Path spliced = work.resolve(variant.context().substring(1) + "-redis-session.war");
            splices.put(variant, ToolProcess.run("splice", war.toString(), "--redis-uri", redis.uri(),
                    "--namespace", NAMESPACE));
            inputs.put(variant, war);
            outputs.put(variant, spliced);
            if (splices.get(variant).code() == 0) {
                (variant.javax() ? tomcat9 : tomcat11).deploy(variant.context(), spliced);
            }
        }
        tomcat9.start();
        tomcat11.start();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {tomcat9, tomcat11, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void everySplicedWarSharesOneSessionAcrossTomcat9AndTomcat11() throws Exception {
        for (Variant variant : VARIANTS) {
            ToolProcess.Result splice = splices.get(variant);
            assertEquals(0, splice.code(), variant + ": " + splice.err());
            assertTrue(splice.out().contains("servlet API:  " + (variant.javax() ? "javax" : "jakarta")), splice.out());
            assertTrue((variant.javax() ? tomcat9 : tomcat11).isAvailable(variant.context()), variant
                    + " started");
        }
        String cookie = null;
        int expected = 0;
        List<Variant> twice = new ArrayList<>(VARIANTS);
        twice.addAll(VARIANTS);
        for (Variant variant : twice) {
            IsolatedTomcat tomcat = variant.javax() ? tomcat9 : tomcat11;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.url(variant.context()
                    + "/counter")));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            expected++;
            assertEquals(200, response.statusCode(), variant + ": " + response.body());
            String[] answer = response.body().split(" ");
            assertEquals(Integer.toString(expected), answer[0], variant + " counts on from the other apps");
            assertTrue(answer[1].startsWith("io.redissession."), variant + " hands out Redis sessions: " + answer[1]);
            if (variant.ownFilter()) {
                assertEquals("kept", response.headers().firstValue("X-Stamp").orElse(null), variant
                        + ": the app's own filter still runs");
            }
            if (cookie == null) {
                String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
                cookie = setCookie.substring(0, setCookie.indexOf(';'));
            }
        }
        assertTrue(redis.connect().integer("DBSIZE") > 0, "the session is in Redis");
    }

    @Test
    void everyOtherEntryIsCopiedAndTheDescriptorKeptLineForLine() throws Exception {
        for (Variant variant : VARIANTS) {
            try (ZipFile in = new ZipFile(inputs.get(variant).toFile());
                    ZipFile out = new ZipFile(outputs.get(variant).toFile())) {
                for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                    ZipEntry copied = out.getEntry(entry.getName());
                    assertNotNull(copied, variant + " keeps " + entry.getName());
                    if (!entry.getName().equals("WEB-INF/web.xml")) {
                        assertArrayEquals(bytes(in, entry), bytes(out, copied), variant + ": " + entry.getName());
                    }
                }
                String jar = "WEB-INF/lib/redis-session" + (variant.javax() ? "-javax-" : "-") + version()
                        + "-all.jar";
                assertNotNull(out.getEntry(jar), variant + " gets " + jar);
                String webXml = new String(bytes(out, out.getEntry("WEB-INF/web.xml")), StandardCharsets.UTF_8);
                if (variant.descriptor() != null) {
                    assertEquals(resource(variant.descriptor()), SplicedLines.strip(webXml), variant
                            + ": nothing but the filter added");
                } else {
                    assertTrue(webXml.contains(variant.javax() ? "version=\"4.0\"" : "version=\"6.0\""), webXml);
                }
            }
        }
    }

    @Test
    void aWarThatHasTheFilterIsRefused() throws Exception {
        Variant first = VARIANTS.get(0);
        assertRefused(new String[] {outputs.get(first).toString()}, "already has the session filter");
    }

    @Test
    void anOutputThatWouldOverwriteTheInputIsRefused() throws Exception {
        Path war = inputs.get(VARIANTS.get(0));
        assertRefused(new String[] {war.toString(), "-o", war.toString()}, "would overwrite the input");
        assertRefused(new String[] {war.toString(), "-o", war.getParent().resolve(".").resolve(war.getFileName())
                .toString()}, "would overwrite the input");
    }

    @Test
    void anExistingOutputIsReplacedOnlyWithForce() throws Exception {
        Path war = inputs.get(VARIANTS.get(1));
        Path taken = Files.writeString(work.resolve("taken.war"), "someone's file");
        assertRefused(new String[] {war.toString(), "-o", taken.toString()}, "exists");
        assertEquals("someone's file", Files.readString(taken));
        ToolProcess.Result forced = ToolProcess.run("splice", war.toString(), "-o", taken.toString(), "--force",
                "--redis-uri", redis.uri(), "-n", NAMESPACE);
        assertEquals(0, forced.code(), forced.err());
        try (ZipFile replaced = new ZipFile(taken.toFile())) {
            assertNotNull(replaced.getEntry("WEB-INF/web.xml"));
        }
    }

    @Test
    void whatIsNotAWarIsRefused() throws Exception {
        Path text = Files.writeString(work.resolve("notes.war"), "not a zip");
        assertRefused(new String[] {text.toString()}, "is not a WAR: not a zip archive");
        Path jar = work.resolve("library.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("com/example/Library.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            zip.closeEntry();
        }
        assertRefused(new String[] {jar.toString()}, "is not a WAR: it has no WEB-INF/ folder");
        assertRefused(new String[] {work.resolve("missing.war").toString()}, "no such file");
    }

    @Test
    void aMalformedDescriptorIsRefused() throws Exception {
        Path war = javaxWars.write(work.resolve("broken.war"), "<web-app version=\"4.0\"><servlet></web-app>");
        assertRefused(new String[] {war.toString()}, "WEB-INF/web.xml is not well-formed XML (line 1");
        Path other = javaxWars.write(work.resolve("other-root.war"), "<beans/>");
        assertRefused(new String[] {other.toString()}, "has the root element <beans>, not <web-app>");
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path war = inputs.get(VARIANTS.get(0));
        ToolProcess.Result badUri = ToolProcess.run("splice", war.toString(), "-o", work.resolve("bad-uri.war")
                .toString(), "--redis-uri", "http://127.0.0.1:1", "-n", NAMESPACE);
        assertEquals(RedisSessionCli.USAGE, badUri.code(), badUri.out());
        assertTrue(badUri.err().contains("redisUri"), badUri.err());
        ToolProcess.Result badParam = ToolProcess.run("splice", war.toString(), "-o", work.resolve("bad-param.war")
                .toString(), "--redis-uri", redis.uri(), "-n", NAMESPACE, "--param", "noSuchSetting=1");
        assertEquals(RedisSessionCli.USAGE, badParam.code(), badParam.out());
        assertTrue(badParam.err().contains("noSuchSetting"), badParam.err());
        assertTrue(Files.notExists(work.resolve("bad-uri.war")) && Files.notExists(work.resolve("bad-param.war")));
    }

    @Test
    void aWarWhoseApiCannotBeToldNeedsFlavourAndTheOtherOptionsAreWritten() throws Exception {
        Path staticOnly = work.resolve("static.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(staticOnly))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write("<p>hello</p>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertRefused(new String[] {staticOnly.toString()}, "say which with --flavour javax or --flavour jakarta");
        Path javaxJar = Path.of("target/classes/io/redissession/tools/splice/redis-session-javax-all.jar");
        assertRefused(new String[] {staticOnly.toString(), "--flavour", "jakarta", "--filter-jar",
            javaxJar.toString()}, "is built for javax.servlet, but");
        Path out = work.resolve("static-spliced.war");
        ToolProcess.Result result = ToolProcess.run("splice", staticOnly.toString(), "-o", out.toString(),
                "--flavour", "javax", "--filter-jar", javaxJar.toString(), "--redis-uri",
                "redis://alice:s3cret@127.0.0.1:6390", "-n", NAMESPACE, "--param", "cookieName=SHOPSESSION");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("redis://alice:****@127.0.0.1:6390") && !result.out().contains("s3cret"),
                result.out());
        try (ZipFile spliced = new ZipFile(out.toFile())) {
            assertNotNull(spliced.getEntry("WEB-INF/lib/redis-session-javax-all.jar"), "the jar named, as named");
            String webXml = new String(bytes(spliced, spliced.getEntry("WEB-INF/web.xml")), StandardCharsets.UTF_8);
            assertTrue(webXml.contains("<param-name>cookieName</param-name><param-value>SHOPSESSION</param-value>")
                    && webXml.contains("version=\"4.0\""), webXml);
        }
    }

    private void assertRefused(String[] warAndOptions, String reason) throws Exception {
        List<String> before = listing();
        List<String> args = new ArrayList<>(List.of("splice"));
        args.addAll(List.of(warAndOptions));
        args.addAll(List.of("--redis-uri", redis.uri(), "-n", NAMESPACE));
        ToolProcess.Result result = ToolProcess.run(args.toArray(String[]::new));
        assertEquals(RedisSessionCli.USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().startsWith("redis-session: ") && result.err().contains(reason), result.err());
        assertEquals(before, listing(), "a refusal writes nothing, not even a partial file");
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String version() throws IOException {
        try (InputStream in = SpliceIT.class.getResourceAsStream("/io/redissession/tools/splice/splice.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SpliceIT.class.getResourceAsStream("/splice/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
