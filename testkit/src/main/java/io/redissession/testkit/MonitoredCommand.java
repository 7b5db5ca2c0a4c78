package io.redissession.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One command as {@code MONITOR} reported it.
 *
 * @param timestamp the server time in seconds, with microseconds
 * @param db the database index
 * @param client the client address such as {@code 127.0.0.1:51234}, or {@code lua} for a command
 *     run by a script
 * @param fromLua whether a script ran the command
 * @param name the command name in upper case, such as {@code EVALSHA}
 * @param args the arguments after the name; valid UTF-8 is decoded, other binary values keep the
 *     {@code \xHH} escapes of the MONITOR output
 */
public record MonitoredCommand(double timestamp, int db, String client, boolean fromLua, String name, List<String> args) {

    /** The client name MONITOR shows for commands run by a script. */
    public static final String LUA_CLIENT = "lua";

    /**
     * Creates a command.
     *
     * @throws NullPointerException if {@code client}, {@code name} or {@code args} is {@code null}
     */
    public MonitoredCommand {
        if (client == null || name == null || args == null) {
            throw new NullPointerException("client, name and args must not be null");
        }
        args = List.copyOf(args);
    }

    /**
     * Returns one argument.
     *
     * @param index the index in {@link #args()}, from {@code 0}
     * @return the argument
     * @throws IndexOutOfBoundsException if there is no such argument
     */
    public String arg(int index) {
        return args.get(index);
    }

    /** Returns the command as one line, such as {@code SET key value}; for messages. */
    public String line() {
        return args.isEmpty() ? name : name + " " + String.join(" ", args);
    }

    /**
     * Parses one MONITOR line, such as {@code 1700000000.123456 [0 127.0.0.1:5000] "SET" "k" "v"}.
     *
     * @throws IllegalArgumentException if the line does not have that shape
     */
    static MonitoredCommand parse(String line) {
        int open = line.indexOf(" [");
        int space = line.indexOf(' ', open + 2);
        int close = line.indexOf("] ", space + 1);
        if (open < 0 || space < 0 || close < 0) {
            throw new IllegalArgumentException("Not a MONITOR line: [" + line + "]");
        }
        try {
            double timestamp = Double.parseDouble(line.substring(0, open));
            int db = Integer.parseInt(line.substring(open + 2, space));
            String client = line.substring(space + 1, close);
            List<String> words = quotedWords(line, close + 2);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("No command in MONITOR line: [" + line + "]");
            }
            return new MonitoredCommand(timestamp, db, client, client.equals(LUA_CLIENT),
                    words.get(0).toUpperCase(Locale.ROOT), words.subList(1, words.size()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a MONITOR line: [" + line + "]", e);
        }
    }

    private static List<String> quotedWords(String line, int from) {
        List<String> words = new ArrayList<>();
        int i = from;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            if (line.charAt(i) != '"') {
                throw new IllegalArgumentException("Expected a quoted argument at " + i + " in [" + line + "]");
            }
            int end = i + 1;
            while (end < line.length() && line.charAt(end) != '"') {
                end += line.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= line.length()) {
                throw new IllegalArgumentException("Unterminated argument at " + i + " in [" + line + "]");
            }
            words.add(unescape(line.substring(i + 1, end)));
            i = end + 1;
        }
        return words;
    }

    /** Undoes the escaping of Redis' {@code sdscatrepr}; keeps the escaped text if the bytes are not UTF-8. */
    static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\' || i + 1 >= escaped.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char next = escaped.charAt(++i);
            switch (next) {
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'x' -> {
                    if (isHex(escaped, i + 1)) {
                        bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        bytes.write('\\');
                        bytes.write('x');
                    }
                }
                default -> bytes.write(next);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return escaped;
        }
    }

    private static boolean isHex(String s, int at) {
        return at + 2 <= s.length() && Character.digit(s.charAt(at), 16) >= 0 && Character.digit(s.charAt(at + 1), 16) >= 0;
    }
}
