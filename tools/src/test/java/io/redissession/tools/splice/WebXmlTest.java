package io.redissession.tools.splice;

import io.redissession.tools.SplicedLines;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebXmlTest {

    private static final Map<String, String> PARAMS = new LinkedHashMap<>(Map.of("redisUri",
            "redis://u:p&q@127.0.0.1:6390"));

    private static FilterBlock filter(String name, String version) {
        return new FilterBlock(name, PARAMS, ServletVersion.parse(version));
    }

    private static String splice(String webXml, String version) {
        return new String(WebXml.parse(webXml.getBytes(StandardCharsets.UTF_8)).withFilter(filter("redisSession",
                version)), StandardCharsets.UTF_8);
    }

    @Test
    void theFilterGoesBeforeTheFirstFilterAndItsMappingBeforeTheFirstMapping() {
        String original = """
                <web-app version="4.0">
                  <display-name>shop</display-name>
                  <filter><filter-name>a</filter-name><filter-class>A</filter-class></filter>
                  <servlet><servlet-name>s</servlet-name><servlet-class>S</servlet-class></servlet>
                  <filter-mapping><filter-name>a</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                </web-app>
                """;
        String spliced = splice(original, "4.0");
        assertTrue(spliced.indexOf("<filter-name>redisSession") < spliced.indexOf("<filter-name>a</filter-name>"));
        int ourMapping = spliced.indexOf("<filter-mapping>\n    <filter-name>redisSession");
        assertTrue(ourMapping > spliced.indexOf("<servlet>") && ourMapping < spliced.indexOf(
                "<filter-mapping><filter-name>a"), spliced);
        assertEquals(original, SplicedLines.strip(spliced));
        assertTrue(spliced.contains("<param-value>redis://u:p&amp;q@127.0.0.1:6390</param-value>"), spliced);
    }

    @Test
    void withoutFiltersItGoesWhereTheServlet23OrderPutsFiltersWithTheCommentsOfTheNextElementAfterIt() {
        String original = "<?xml version=\"1.0\"?>\r\n<!DOCTYPE x [ <!ENTITY e \"a>b\"> ]>\r\n"
                + "<web-app version=\"3.1\" data-x='a>b'>\r\n"
                + "\t<context-param><param-name>p</param-name><param-value><![CDATA[<filter>]]></param-value>"
                + "</context-param>\r\n"
                + "\t<!-- the servlet -->\r\n\t<!-- second comment -->\r\n"
                + "\t<servlet><servlet-name>s</servlet-name><servlet-class>S</servlet-class></servlet>\r\n"
                + "</web-app>\r\n";
        String spliced = splice(original, "3.1");
        assertEquals(original, SplicedLines.strip(spliced));
        assertTrue(spliced.contains("</filter-mapping>\r\n\t<!-- the servlet -->"), spliced);
        assertTrue(spliced.contains("\r\n\t<filter>\r\n\t\t<filter-name>redisSession</filter-name>"), spliced);
        assertFalse(spliced.replace("\r\n", "").contains("\n"), "CRLF kept throughout");
    }

    @Test
    void anEmptyApplicationGetsTheFilterBeforeItsEndTag() {
        String spliced = splice("<web-app version=\"6.0\"></web-app>", "6.0");
        assertTrue(spliced.startsWith("<web-app version=\"6.0\">\n  <!-- Sessions in Redis"), spliced);
        assertTrue(spliced.endsWith("</filter-mapping>\n</web-app>"), spliced);
    }

    @Test
    void aPrefixedDescriptorGetsPrefixedElements() {
        String original = "<j:web-app xmlns:j=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"4.0\">\n"
                + "  <j:servlet><j:servlet-name>s</j:servlet-name><j:servlet-class>S</j:servlet-class></j:servlet>\n"
                + "</j:web-app>\n";
        String spliced = splice(original, "4.0");
        assertTrue(spliced.contains("<j:filter>") && spliced.contains("<j:filter-class>io.redissession"), spliced);
        assertEquals(original, SplicedLines.strip(spliced));
        assertEquals("redisSession", WebXml.parse(spliced.getBytes(StandardCharsets.UTF_8)).sessionFilter()
                .orElseThrow());
    }

    @Test
    void servlet25HasNoAsyncAndServlet30Has() {
        String v25 = splice("<web-app version=\"2.5\">\n</web-app>\n", "2.5");
        assertFalse(v25.contains("async-supported") || v25.contains("ASYNC"), v25);
        assertTrue(v25.contains("<dispatcher>ERROR</dispatcher>"), v25);
        String v30 = splice("<web-app version=\"3.0\">\n</web-app>\n", "3.0");
        assertTrue(v30.contains("<async-supported>true</async-supported>") && v30.contains(
                "<dispatcher>ASYNC</dispatcher>"), v30);
    }

    @Test
    void theDescriptorsOwnEncodingIsKept() {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        String original = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!-- Café -->\n<web-app version=\"4.0\">\n"
                + "</web-app>\n";
        byte[] spliced = WebXml.parse(original.getBytes(latin1)).withFilter(filter("redisSession", "4.0"));
        assertEquals(original, SplicedLines.strip(new String(spliced, latin1)));
    }

    @Test
    void whatTheDescriptorStatesIsRead() {
        WebXml webXml = WebXml.parse(("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" metadata-complete="
                + "\"true\"><absolute-ordering><name>x</name></absolute-ordering>"
                + "<filter><filter-name>redisSession</filter-name><filter-class>Other</filter-class></filter>"
                + "</web-app>").getBytes(StandardCharsets.UTF_8));
        assertEquals("5.0", webXml.version().orElseThrow().toString());
        assertTrue(webXml.metadataComplete());
        assertTrue(webXml.orderingExcludesOtherJars());
        assertTrue(webXml.sessionFilter().isEmpty());
        assertTrue(webXml.filterNames().contains("redisSession"));
        WebXml dtd = WebXml.parse(("<!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\""
                + " \"http://java.sun.com/dtd/web-app_2_3.dtd\"><web-app><absolute-ordering><others/>"
                + "</absolute-ordering></web-app>").getBytes(StandardCharsets.UTF_8));
        assertEquals("2.3", dtd.version().orElseThrow().toString(), "read without fetching the DTD");
        assertFalse(dtd.orderingExcludesOtherJars());
    }

    @Test
    void aCreatedDescriptorIsTheFlavoursCurrentVersion() {
        WebXml javax = WebXml.parse(WebXml.created(ServletFlavour.JAVAX, filter("redisSession", "4.0")));
        assertEquals("4.0", javax.version().orElseThrow().toString());
        assertEquals("redisSession", javax.sessionFilter().orElseThrow());
        WebXml jakarta = WebXml.parse(WebXml.created(ServletFlavour.JAKARTA, filter("redisSession", "6.0")));
        assertEquals("6.0", jakarta.version().orElseThrow().toString());
    }

    @Test
    void whatCannotBeEditedIsRefusedWithTheReason() {
        assertTrue(assertThrows(SpliceRefusedException.class, () -> WebXml.parse("<web-app><filter></web-app>"
                .getBytes(StandardCharsets.UTF_8))).getMessage().startsWith("WEB-INF/web.xml is not well-formed XML"
                + " (line 1"));
        assertTrue(assertThrows(SpliceRefusedException.class, () -> WebXml.parse("<beans/>"
                .getBytes(StandardCharsets.UTF_8))).getMessage().contains("<beans>, not <web-app>"));
        assertTrue(assertThrows(SpliceRefusedException.class, () -> WebXml.parse("<web-app version=\"4.0\"/>"
                .getBytes(StandardCharsets.UTF_8)).withFilter(filter("redisSession", "4.0"))).getMessage()
                .contains("start and an end tag"));
        assertTrue(assertThrows(SpliceRefusedException.class, () -> WebXml.parse(new byte[] {'<', 'w', (byte) 0xFF}))
                .getMessage().contains("not valid UTF-8"));
        assertTrue(assertThrows(SpliceRefusedException.class, () -> ServletVersion.parse("four")).getMessage()
                .contains("not a Servlet version"));
    }
}
