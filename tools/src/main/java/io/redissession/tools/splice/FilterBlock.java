package io.redissession.tools.splice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code <filter>} and {@code <filter-mapping>} elements that declare the session filter, written for the
 * descriptor's Servlet version: {@code async-supported} and the {@code ASYNC} dispatcher from Servlet 3.0 on.
 *
 * @param name the filter's name, unique in the descriptor
 * @param params its init parameters, in order
 * @param version the descriptor's Servlet version
 */
record FilterBlock(String name, Map<String, String> params, ServletVersion version) {

    /** The filter class, the same name in both flavours. */
    static final String FILTER_CLASS = "io.redissession.servlet.RedisSessionFilter";

    /**
     * @param prefix the descriptor's element prefix with its colon, or an empty string
     * @param unit one level of indentation
     * @return the lines of the {@code <filter>} element, with a comment before it
     */
    List<String> filterLines(String prefix, String unit) {
        List<String> lines = new ArrayList<>();
        lines.add("<!-- Sessions in Redis (added by redis-session splice): keep this filter first. -->");
        lines.add("<" + prefix + "filter>");
        lines.add(unit + element(prefix, "filter-name", name));
        lines.add(unit + element(prefix, "filter-class", FILTER_CLASS));
        if (version.atLeast(3, 0)) {
            lines.add(unit + element(prefix, "async-supported", "true"));
        }
        params.forEach((param, value) -> lines.add(unit + "<" + prefix + "init-param>"
                + element(prefix, "param-name", param) + element(prefix, "param-value", value)
                + "</" + prefix + "init-param>"));
        lines.add("</" + prefix + "filter>");
        return lines;
    }

    /**
     * @param prefix the descriptor's element prefix with its colon, or an empty string
     * @param unit one level of indentation
     * @return the lines of the {@code <filter-mapping>} element: every request, forward, include, error and async
     *         dispatch
     */
    List<String> mappingLines(String prefix, String unit) {
        List<String> lines = new ArrayList<>();
        lines.add("<" + prefix + "filter-mapping>");
        lines.add(unit + element(prefix, "filter-name", name) + element(prefix, "url-pattern", "/*"));
        StringBuilder dispatchers = new StringBuilder(unit);
        for (String dispatcher : version.atLeast(3, 0) ? List.of("REQUEST", "FORWARD", "INCLUDE", "ERROR", "ASYNC")
                : List.of("REQUEST", "FORWARD", "INCLUDE", "ERROR")) {
            dispatchers.append(element(prefix, "dispatcher", dispatcher));
        }
        lines.add(dispatchers.toString());
        lines.add("</" + prefix + "filter-mapping>");
        return lines;
    }

    private static String element(String prefix, String name, String text) {
        return "<" + prefix + name + ">" + escape(text) + "</" + prefix + name + ">";
    }

    /** @return the text with the characters XML reserves in content escaped */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
