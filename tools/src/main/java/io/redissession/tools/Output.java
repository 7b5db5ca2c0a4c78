package io.redissession.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Prints what a command found: a readable table, or JSON for scripts ({@code --json}). */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    private Output() {
    }

    /** Prints a value as JSON. */
    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** @return a value as JSON on one line */
    static String jsonLine(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Prints rows under a header, each column as wide as its widest cell. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ");
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** @return a size range's upper bound as {@code <= 4 KiB}, or {@code > 1 MiB} for the open range ({@code -1}) */
    static String sizeRange(long upTo) {
        return upTo < 0 ? "> 1 MiB" : "<= " + bytes(upTo);
    }

    /** @return a byte count in B, KiB or MiB */
    static String bytes(long count) {
        if (count >= 1 << 20 && count % (1 << 20) == 0) {
            return (count >> 20) + " MiB";
        }
        return count >= 1 << 10 && count % (1 << 10) == 0 ? (count >> 10) + " KiB" : count + " B";
    }

    /** @return an epoch-milliseconds time as ISO-8601 UTC, or {@code -} for none */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
