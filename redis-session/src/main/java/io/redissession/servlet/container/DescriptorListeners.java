package io.redissession.servlet.container;

import jakarta.servlet.ServletContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;

/**
 * The listener classes the portable descriptors of a web application name, in the order a container registers
 * them: {@code WEB-INF/web.xml} first, then the {@code META-INF/web-fragment.xml} of each jar of
 * {@code WEB-INF/lib} in the order of {@link ServletContext#ORDERED_LIBS} (or of {@code <absolute-ordering>}, or by
 * name), then the {@code @WebListener} classes that {@link WebListenerCollector} saw. A {@code web.xml} marked
 * {@code metadata-complete} stops at itself. Internal.
 */
public final class DescriptorListeners {

    private static final Logger LOG = Logger.getLogger(DescriptorListeners.class.getName());
    private static final String WEB_XML = "/WEB-INF/web.xml";
    private static final String LIB = "/WEB-INF/lib/";
    private static final String FRAGMENT = "META-INF/web-fragment.xml";

    private final List<String> classNames;
    private final String sources;

    private DescriptorListeners(List<String> classNames, String sources) {
        this.classNames = List.copyOf(classNames);
        this.sources = sources;
    }

    /**
     * @param context the application; not {@code null}
     * @return what its descriptors name; unreadable descriptors are logged and skipped
     */
    public static DescriptorListeners read(ServletContext context) {
        Set<String> names = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>();
        Document webXml = parse(context, WEB_XML, "its listeners will not receive the events of Redis sessions"
                + " (name them in the sessionListeners setting)");
        boolean complete = false;
        List<String> absoluteOrdering = null;
        if (webXml != null) {
            Element root = webXml.getDocumentElement();
            names.addAll(listenerClasses(root));
            sources.add("web.xml");
            complete = "true".equalsIgnoreCase(root.getAttribute("metadata-complete"));
            absoluteOrdering = absoluteOrdering(root);
        }
        if (!complete) {
            Map<String, Element> fragments = fragments(context);
            for (Element fragment : ordered(context, fragments, absoluteOrdering)) {
                names.addAll(listenerClasses(fragment));
            }
            sources.add(fragments.size() + " web-fragment.xml");
            if (context.getAttribute(WebListenerCollector.ATTRIBUTE) instanceof List<?> annotated) {
                annotated.forEach(name -> names.add(String.valueOf(name)));
                sources.add("@WebListener");
            }
        }
        return new DescriptorListeners(new ArrayList<>(names), String.join(", ", sources));
    }

    /**
     * @param context the application; not {@code null}
     * @return whether the descriptors mark the application {@code <distributable/>}: {@code web.xml} and, unless it
     *         is metadata-complete, every {@code web-fragment.xml} (Servlet 8.2.3)
     */
    public static boolean distributable(ServletContext context) {
        Document webXml = parse(context, WEB_XML, "the application counts as not distributable (setting"
                + " distributable)");
        if (webXml == null || !marksDistributable(webXml.getDocumentElement())) {
            return false;
        }
        Element root = webXml.getDocumentElement();
        return "true".equalsIgnoreCase(root.getAttribute("metadata-complete"))
                || fragments(context).values().stream().allMatch(DescriptorListeners::marksDistributable);
    }

    private static boolean marksDistributable(Element root) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "distributable".equals(element.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    /** @return the listener class names, in registration order, each once */
    public List<String> classNames() {
        return classNames;
    }

    /** @return which descriptors were read, for the log */
    public String sources() {
        return sources;
    }

    /** @return jar name to its parsed {@code web-fragment.xml}, in the order the context lists the jars */
    private static Map<String, Element> fragments(ServletContext context) {
        Map<String, Element> fragments = new LinkedHashMap<>();
        Set<String> jars = context.getResourcePaths(LIB);
        for (String path : jars == null ? Set.<String>of() : new TreeSet<>(jars)) {
            if (!path.endsWith(".jar")) {
                continue;
            }
            Element fragment = fragmentOf(context, path);
            if (fragment != null) {
                fragments.put(path.substring(LIB.length()), fragment);
            }
        }
        return fragments;
    }

    private static Element fragmentOf(ServletContext context, String jarPath) {
        try {
            URL url = context.getResource(jarPath);
            if (url == null) {
                return null;
            }
            try (JarInputStream jar = new JarInputStream(url.openStream())) {
                for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                    if (entry.getName().equals(FRAGMENT)) {
                        return parser().newDocumentBuilder().parse(new NonClosingStream(jar)).getDocumentElement();
                    }
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read " + FRAGMENT + " of [" + jarPath + "]; its listeners will not receive"
                    + " the events of Redis sessions (name them in the sessionListeners setting)", e);
        }
        return null;
    }

    /** Orders the fragments as the container does: its ordered jar list, else absolute ordering, else by name. */
    private static List<Element> ordered(ServletContext context, Map<String, Element> fragments,
            List<String> absoluteOrdering) {
        if (context.getAttribute(ServletContext.ORDERED_LIBS) instanceof List<?> libs) {
            return libs.stream().map(fragments::get).filter(e -> e != null).toList();
        }
        if (absoluteOrdering == null) {
            return List.copyOf(fragments.values());
        }
        Map<String, Element> byName = new LinkedHashMap<>();
        fragments.values().forEach(fragment -> byName.putIfAbsent(childText(fragment, "name"), fragment));
        List<Element> before = new ArrayList<>();
        List<Element> after = new ArrayList<>();
        Set<Element> named = new LinkedHashSet<>();
        boolean othersSeen = false;
        for (String name : absoluteOrdering) {
            if (name == null) {
                othersSeen = true;
            } else if (byName.get(name) != null && named.add(byName.get(name))) {
                (othersSeen ? after : before).add(byName.get(name));
            }
        }
        List<Element> result = new ArrayList<>(before);
        if (othersSeen) {
            fragments.values().stream().filter(f -> !named.contains(f)).forEach(result::add);
        }
        result.addAll(after);
        return result;
    }

    /** @return the names of {@code <absolute-ordering>}, {@code null} standing for {@code <others/>}; or null */
    private static List<String> absoluteOrdering(Element root) {
        NodeList orderings = root.getElementsByTagNameNS("*", "absolute-ordering");
        if (orderings.getLength() == 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Node child = orderings.item(0).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                names.add("others".equals(element.getLocalName()) ? null : element.getTextContent().trim());
            }
        }
        return names;
    }

    private static List<String> listenerClasses(Element root) {
        List<String> names = new ArrayList<>();
        NodeList listeners = root.getElementsByTagNameNS("*", "listener");
        for (int i = 0; i < listeners.getLength(); i++) {
            String name = childText((Element) listeners.item(i), "listener-class");
            if (name != null && !name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String childText(Element parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private static Document parse(ServletContext context, String path, String consequence) {
        try (InputStream in = context.getResourceAsStream(path)) {
            return in == null ? null : parser().newDocumentBuilder().parse(in);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read " + path + "; " + consequence, e);
            return null;
        }
    }

    /** @return a namespace-aware parser that reads no external entity or DTD */
    static DocumentBuilderFactory parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        return factory;
    }

    /** Lets the XML parser read one jar entry without closing the whole jar stream. */
    private static final class NonClosingStream extends java.io.FilterInputStream {
        NonClosingStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            // the jar stream is closed by its owner
        }
    }
}
