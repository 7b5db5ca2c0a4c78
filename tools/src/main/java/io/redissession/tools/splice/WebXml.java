package io.redissession.tools.splice;

import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WAR's {@code WEB-INF/web.xml}: what the splicer needs to know of it, and the same text with the session filter
 * added first. The text is edited, not re-serialized: everything else (comments, formatting, the XML declaration,
 * the encoding) stays byte for byte.
 */
final class WebXml {

    private static final String NAME = "WEB-INF/web.xml";
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    /** The elements that come after {@code <filter>} in the Servlet 2.3/2.4 element order. */
    private static final Set<String> AFTER_FILTER = Set.of("filter-mapping", "listener", "servlet", "servlet-mapping",
            "session-config", "mime-mapping", "welcome-file-list", "error-page", "taglib", "jsp-config",
            "resource-env-ref", "message-destination-ref", "resource-ref", "security-constraint", "login-config",
            "security-role", "env-entry", "ejb-ref", "ejb-local-ref", "service-ref", "persistence-context-ref",
            "persistence-unit-ref", "post-construct", "pre-destroy", "data-source", "message-destination",
            "locale-encoding-mapping-list");

    private final String text;
    private final Charset charset;
    private final Document document;

    private WebXml(String text, Charset charset, Document document) {
        this.text = text;
        this.charset = charset;
        this.document = document;
    }

    /**
     * @param bytes the descriptor as stored in the WAR
     * @return the parsed descriptor
     * @throws SpliceRefusedException if it is not a well-formed {@code web-app} document
     */
    static WebXml parse(byte[] bytes) {
        Charset charset = charsetOf(bytes);
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SpliceRefusedException(NAME + " is not valid " + charset.name() + " text, the encoding its XML"
                    + " declaration states (or UTF-8 without one)", e);
        }
        Document document;
        try {
            document = parser().parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            throw new SpliceRefusedException(NAME + " is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new SpliceRefusedException(NAME + " cannot be read as XML: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"web-app".equals(localName(root))) {
            throw new SpliceRefusedException(NAME + " has the root element <" + root.getTagName() + ">, not <web-app>");
        }
        return new WebXml(text, charset, document);
    }

    /**
     * @param flavour the API the application uses
     * @param filter the filter to declare
     * @return a new {@code web.xml} of the flavour's current version declaring only the filter
     */
    static byte[] created(ServletFlavour flavour, FilterBlock filter) {
        boolean jakarta = flavour == ServletFlavour.JAKARTA;
        String namespace = jakarta ? "https://jakarta.ee/xml/ns/jakartaee" : "http://xmlns.jcp.org/xml/ns/javaee";
        String schema = jakarta ? "https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                : "http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd";
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"").append(namespace).append("\"\n")
                .append("         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("         xsi:schemaLocation=\"").append(namespace).append(' ').append(schema).append("\"\n")
                .append("         version=\"").append(flavour.newDescriptorVersion()).append("\">\n");
        for (String line : filter.filterLines("", "  ")) {
            xml.append("  ").append(line).append('\n');
        }
        for (String line : filter.mappingLines("", "  ")) {
            xml.append("  ").append(line).append('\n');
        }
        return xml.append("</web-app>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the Servlet version the descriptor states: its {@code version} attribute, else its DTD (2.2, 2.3),
     *         else its namespace; empty if none tells
     */
    Optional<ServletVersion> version() {
        Element root = document.getDocumentElement();
        if (!root.getAttribute("version").isBlank()) {
            return Optional.of(ServletVersion.parse(root.getAttribute("version")));
        }
        DocumentType doctype = document.getDoctype();
        String publicId = doctype == null || doctype.getPublicId() == null ? "" : doctype.getPublicId();
        if (publicId.contains("2.3")) {
            return Optional.of(new ServletVersion(2, 3));
        }
        if (publicId.contains("2.2")) {
            return Optional.of(new ServletVersion(2, 2));
        }
        String namespace = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        return switch (namespace) {
            case "https://jakarta.ee/xml/ns/jakartaee" -> Optional.of(new ServletVersion(5, 0));
            case "http://xmlns.jcp.org/xml/ns/javaee" -> Optional.of(new ServletVersion(3, 1));
            case "http://java.sun.com/xml/ns/javaee" -> Optional.of(new ServletVersion(2, 5));
            case "http://java.sun.com/xml/ns/j2ee" -> Optional.of(new ServletVersion(2, 4));
            default -> Optional.empty();
        };
    }

    /** @return whether the descriptor is {@code metadata-complete}: the container reads no annotations then */
    boolean metadataComplete() {
        return "true".equalsIgnoreCase(document.getDocumentElement().getAttribute("metadata-complete").trim());
    }

    /** @return whether it has an {@code <absolute-ordering>} without {@code <others/>} */
    boolean orderingExcludesOtherJars() {
        for (Element ordering : children(document.getDocumentElement(), "absolute-ordering")) {
            if (children(ordering, "others").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** @return the name of a filter already declared with the session filter's class, if any */
    Optional<String> sessionFilter() {
        for (Element filter : children(document.getDocumentElement(), "filter")) {
            if (children(filter, "filter-class").stream()
                    .anyMatch(type -> FilterBlock.FILTER_CLASS.equals(type.getTextContent().trim()))) {
                return Optional.of(children(filter, "filter-name").stream().map(name -> name.getTextContent().trim())
                        .findFirst().orElse("(unnamed)"));
            }
        }
        return Optional.empty();
    }

    /** @return the names of the filters it declares */
    Set<String> filterNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Element filter : children(document.getDocumentElement(), "filter")) {
            children(filter, "filter-name").forEach(name -> names.add(name.getTextContent().trim()));
        }
        return names;
    }

    /**
     * @param filter the filter to declare
     * @return the descriptor's bytes, in its own encoding, with the filter declared before every other filter and
     *         mapped before every other mapping; nothing else changed
     */
    byte[] withFilter(FilterBlock filter) {
        XmlOutline outline;
        try {
            outline = XmlOutline.of(text);
        } catch (IllegalArgumentException e) {
            throw new SpliceRefusedException(NAME + " cannot be edited (" + e.getMessage() + "); write its <web-app>"
                    + " with a start and an end tag", e);
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        int filterAt = firstChild(outline, Set.of("filter"));
        if (filterAt < 0) {
            filterAt = firstChild(outline, AFTER_FILTER);
        }
        int mappingAt = firstChild(outline, Set.of("filter-mapping"));
        String childIndent = outline.children().isEmpty() ? "  " : indentBefore(outline.children().get(0).start());
        String unit = childIndent.isEmpty() ? "  " : childIndent;
        String prefix = outline.prefix();
        List<Insertion> insertions = new ArrayList<>();
        if (mappingAt >= 0) {
            insertions.add(beforeElement(mappingAt, filter.mappingLines(prefix, unit), newline));
            insertions.add(filterAt >= 0 ? beforeElement(filterAt, filter.filterLines(prefix, unit), newline)
                    : beforeEndTag(outline, childIndent, filter.filterLines(prefix, unit), newline));
        } else {
            List<String> both = new ArrayList<>(filter.filterLines(prefix, unit));
            both.addAll(filter.mappingLines(prefix, unit));
            insertions.add(filterAt >= 0 ? beforeElement(filterAt, both, newline)
                    : beforeEndTag(outline, childIndent, both, newline));
        }
        insertions.sort((a, b) -> Integer.compare(b.offset(), a.offset()));
        StringBuilder edited = new StringBuilder(text);
        for (Insertion insertion : insertions) {
            edited.insert(insertion.offset(), insertion.text());
        }
        return edited.toString().getBytes(charset);
    }

    private record Insertion(int offset, String text) {
    }

    /** Lines inserted where an element starts, at its indentation; the element keeps its own. */
    private Insertion beforeElement(int start, List<String> lines, String newline) {
        String indent = indentBefore(start);
        StringBuilder inserted = new StringBuilder();
        for (String line : lines) {
            inserted.append(line).append(newline).append(indent);
        }
        return new Insertion(start, inserted.toString());
    }

    /** Lines inserted before the root's end tag, each on a line of its own. */
    private Insertion beforeEndTag(XmlOutline outline, String indent, List<String> lines, String newline) {
        int end = outline.rootEndTag();
        int lineStart = end;
        while (lineStart > 0 && (text.charAt(lineStart - 1) == ' ' || text.charAt(lineStart - 1) == '\t')) {
            lineStart--;
        }
        boolean ownLine = lineStart > 0 && text.charAt(lineStart - 1) == '\n';
        StringBuilder inserted = new StringBuilder(ownLine ? "" : newline);
        for (String line : lines) {
            inserted.append(indent).append(line).append(newline);
        }
        if (!ownLine) {
            return new Insertion(end, inserted.toString());
        }
        return new Insertion(lineStart, inserted.toString());
    }

    /** @return the spaces and tabs between the start of the element's line and the element, if only those */
    private String indentBefore(int start) {
        int from = start;
        while (from > 0 && (text.charAt(from - 1) == ' ' || text.charAt(from - 1) == '\t')) {
            from--;
        }
        return from == 0 || text.charAt(from - 1) == '\n' ? text.substring(from, start) : "";
    }

    private static int firstChild(XmlOutline outline, Set<String> names) {
        for (XmlOutline.Child child : outline.children()) {
            if (names.contains(child.localName())) {
                return child.start();
            }
        }
        return -1;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(localName(element))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static Charset charsetOf(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            return StandardCharsets.UTF_16;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        Matcher declared = ENCODING.matcher(head);
        if (declared.find()) {
            try {
                return Charset.forName(declared.group(1));
            } catch (IllegalArgumentException e) {
                throw new SpliceRefusedException(NAME + " declares the encoding " + declared.group(1)
                        + ", which this Java does not know");
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setExpandEntityReferences(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not a reason to refuse
                }

                @Override
                public void error(SAXParseException e) {
                    // validity errors: the parser does not validate
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }
}
