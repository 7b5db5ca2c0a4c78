package io.redissession.tools;

import java.util.regex.Pattern;

/** Takes out of a spliced {@code web.xml} the lines the splicer added, to compare the rest with the original. */
public final class SplicedLines {

    private static final Pattern LINES = Pattern.compile("(?<=\n)");

    private SplicedLines() {
    }

    /**
     * @param spliced a descriptor the splicer wrote, whose added elements are on lines of their own
     * @return the descriptor without them, line terminators kept
     */
    public static String strip(String spliced) {
        StringBuilder kept = new StringBuilder();
        String[] lines = LINES.split(spliced);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("<!-- Sessions in Redis (added by redis-session splice)")) {
                while (!lines[i].trim().matches("</([a-z]+:)?filter>")) {
                    i++;
                }
            } else if (line.matches("<([a-z]+:)?filter-mapping>") && i + 1 < lines.length
                    && lines[i + 1].contains(">redisSession")) {
                while (!lines[i].trim().matches("</([a-z]+:)?filter-mapping>")) {
                    i++;
                }
            } else {
                kept.append(lines[i]);
            }
        }
        return kept.toString();
    }
}
