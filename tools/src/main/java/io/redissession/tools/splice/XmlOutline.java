package io.redissession.tools.splice;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the root element and its children start and end in an XML text, found by a lexical scan that skips
 * comments, CDATA sections, processing instructions and the document type declaration, so that an element can be
 * inserted without re-serializing (and so changing) the rest of the text. The text must be well-formed: parse it
 * first.
 *
 * @param rootName the qualified name of the root element, for example {@code web-app} or {@code j:web-app}
 * @param rootContentStart the offset just after the root's start tag
 * @param rootEndTag the offset of the root's end tag
 * @param children the root's child elements, in document order
 */
record XmlOutline(String rootName, int rootContentStart, int rootEndTag, List<Child> children) {

    /**
     * @param localName the element's name without its prefix
     * @param start the offset of its {@code <}, or of the comments right before it, which belong to it
     */
    record Child(String localName, int start) {
    }

    /**
     * @param text a well-formed XML document
     * @return its outline
     * @throws IllegalArgumentException if the text is not shaped like one (no root element)
     */
    static XmlOutline of(String text) {
        String rootName = null;
        int rootContentStart = -1;
        int rootEndTag = -1;
        List<Child> children = new ArrayList<>();
        int depth = 0;
        int at = 0;
        int comments = -1;
        while (true) {
            int open = text.indexOf('<', at);
            if (open < 0) {
                break;
            }
            if (!text.substring(at, open).isBlank()) {
                comments = -1;
            }
            if (text.startsWith("<!--", open)) {
                if (depth == 1 && comments < 0) {
                    comments = open;
                }
                at = after(text, "-->", open + 4);
            } else if (text.startsWith("<![CDATA[", open)) {
                comments = -1;
                at = after(text, "]]>", open + 9);
            } else if (text.startsWith("<?", open)) {
                comments = -1;
                at = after(text, "?>", open + 2);
            } else if (text.startsWith("<!", open)) {
                at = afterDeclaration(text, open);
            } else if (text.startsWith("</", open)) {
                comments = -1;
                depth--;
                if (depth == 0) {
                    rootEndTag = open;
                }
                at = after(text, ">", open);
            } else {
                int end = endOfTag(text, open);
                String name = text.substring(open + 1, nameEnd(text, open + 1));
                boolean empty = text.charAt(end - 2) == '/';
                int leading = comments >= 0 ? comments : open;
                comments = -1;
                if (depth == 0 && rootName == null) {
                    rootName = name;
                    rootContentStart = end;
                } else if (depth == 1) {
                    int colon = name.indexOf(':');
                    String local = colon < 0 ? name : name.substring(colon + 1);
                    children.add(new Child(local, leading));
                }
                if (!empty) {
                    depth++;
                }
                at = end;
            }
        }
        if (rootName == null || rootEndTag < 0) {
            throw new IllegalArgumentException("no root element with an end tag");
        }
        return new XmlOutline(rootName, rootContentStart, rootEndTag, List.copyOf(children));
    }

    /** @return the prefix of the root element with its colon ({@code j:}), or an empty string */
    String prefix() {
        int colon = rootName.indexOf(':');
        return colon < 0 ? "" : rootName.substring(0, colon + 1);
    }

    private static int after(String text, String end, int from) {
        int found = text.indexOf(end, from);
        if (found < 0) {
            throw new IllegalArgumentException("unterminated markup at offset " + from);
        }
        return found + end.length();
    }

    /** Skips {@code <!DOCTYPE ...>}, with an internal subset in brackets if any. */
    private static int afterDeclaration(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open + 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated declaration at offset " + open);
    }

    /** @return the offset after the {@code >} of the start tag at {@code open}, skipping quoted attribute values */
    private static int endOfTag(String text, int open) {
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated start tag at offset " + open);
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '>'
                && text.charAt(i) != '/') {
            i++;
        }
        return i;
    }
}
