package io.redissession.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the raw replies of {@link RedisTestConnection#command(String...)} into text. */
final class Replies {

    private Replies() {
    }

    /** Returns a bulk string as UTF-8 text, a simple string as is, an integer as its decimal text, nil as {@code null}. */
    static String text(Object reply) {
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof Long number) {
            return number.toString();
        }
        throw new IllegalStateException("Expected a string reply, got [" + reply + "]");
    }

    /** Returns an array of strings as text; a nil array as an empty list. */
    static List<String> texts(Object reply) {
        List<String> texts = new ArrayList<>();
        if (reply != null) {
            for (Object item : array(reply)) {
                texts.add(text(item));
            }
        }
        return texts;
    }

    /** Returns an array of flat {@code field, value, ...} arrays (as SENTINEL REPLICAS sends) as maps. */
    static List<Map<String, String>> records(Object reply) {
        List<Map<String, String>> records = new ArrayList<>();
        for (Object item : array(reply)) {
            List<String> flat = texts(item);
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                record.put(flat.get(i), flat.get(i + 1));
            }
            records.add(record);
        }
        return records;
    }

    private static List<?> array(Object reply) {
        if (reply instanceof List<?> list) {
            return list;
        }
        throw new IllegalStateException("Expected an array reply, got [" + text(reply) + "]");
    }
}
