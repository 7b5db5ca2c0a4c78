package io.redissession.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A minimal blocking RESP2 client over one socket, for tests that need to see Redis exactly as it
 * is, without a client library in between.
 *
 * <p>Replies map to Java types as follows: simple string to {@link String}, error to a thrown
 * {@link RespException}, integer to {@link Long}, bulk string to {@code byte[]} ({@code null} for
 * nil), array to {@code List<Object>} ({@code null} for a nil array); an error inside an array,
 * as {@code EXEC} may return, becomes a {@link RespException} element. Every read waits at most
 * {@link #SOCKET_TIMEOUT_MILLIS}. An I/O error closes the connection and is thrown as
 * {@link UncheckedIOException}. Methods are synchronized, so one connection may be shared by
 * threads, one command at a time.
 */
public final class RespConnection implements AutoCloseable {

    /** Connect and read timeout, in milliseconds. */
    public static final int SOCKET_TIMEOUT_MILLIS = 5_000;

    private static final int SCAN_COUNT = 1_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to a server on {@code 127.0.0.1}.
     *
     * @param port the server port
     * @throws UncheckedIOException if the connection fails
     */
    public RespConnection(int port) {
        this(FreePorts.HOST, port);
    }

    /**
     * Connects to a server.
     *
     * @param host the host name or address, not {@code null}
     * @param port the server port
     * @throws UncheckedIOException if the connection fails
     */
    public RespConnection(String host, int port) {
        Objects.requireNonNull(host, "host");
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            s.connect(new InetSocketAddress(host, port), SOCKET_TIMEOUT_MILLIS);
            this.socket = s;
            this.in = new BufferedInputStream(s.getInputStream());
            this.out = new BufferedOutputStream(s.getOutputStream());
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("RespConnection: cannot connect to [" + host + ":" + port + "]", e);
        }
    }

    /**
     * Sends one command and reads its reply.
     *
     * @param args the command name and its arguments, encoded as UTF-8; none {@code null}
     * @return the reply, mapped as described in the class comment
     * @throws RespException if the server replies with an error
     */
    public Object command(String... args) {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new NullPointerException("command: args[" + i + "] is null");
            }
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(raw);
    }

    /**
     * Sends one command given as raw bytes and reads its reply.
     *
     * @param args the command name and its arguments; none {@code null}
     * @return the reply, mapped as described in the class comment
     * @throws RespException if the server replies with an error
     */
    public synchronized Object command(byte[]... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new NullPointerException("command: args[" + i + "] is null");
            }
        }
        send(args);
        return read();
    }

    /**
     * Sends a command whose reply is a string.
     *
     * @param args the command name and its arguments
     * @return a bulk or simple string reply as UTF-8 text, an integer reply as its decimal text,
     *     {@code null} for nil
     * @throws IllegalStateException if the reply is an array
     */
    public String string(String... args) {
        Object reply = command(args);
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof Long number) {
            return number.toString();
        }
        throw unexpected(args, reply);
    }

    /**
     * Sends a command whose reply is an integer.
     *
     * @param args the command name and its arguments
     * @return the integer reply
     * @throws IllegalStateException if the reply is not an integer
     */
    public long integer(String... args) {
        Object reply = command(args);
        if (reply instanceof Long number) {
            return number;
        }
        throw unexpected(args, reply);
    }

    /**
     * Reads a whole hash with {@code HGETALL}.
     *
     * @param key the key, not {@code null}
     * @return the fields in the order the server sent them; empty if the key does not exist
     */
    public Map<String, byte[]> hgetall(String key) {
        List<?> flat = (List<?>) command("HGETALL", key);
        Map<String, byte[]> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8), (byte[]) flat.get(i + 1));
        }
        return hash;
    }

    /**
     * Reads one section of {@code INFO} as {@code name -> value} pairs.
     *
     * @param section the section, such as {@code server} or {@code keyspace}, not {@code null}
     * @return the {@code name:value} lines of the section, in order
     */
    public Map<String, String> info(String section) {
        String text = string("INFO", section);
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                info.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return info;
    }

    /**
     * Lists the keys matching a glob-style pattern, with {@code SCAN} (never {@code KEYS}).
     *
     * @param pattern the {@code MATCH} pattern, not {@code null}
     * @return the matching keys, sorted, without duplicates
     */
    public List<String> keys(String pattern) {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", Integer.toString(SCAN_COUNT));
            cursor = new String((byte[]) page.get(0), StandardCharsets.UTF_8);
            for (Object key : (List<?>) page.get(1)) {
                keys.add(new String((byte[]) key, StandardCharsets.UTF_8));
            }
        } while (!"0".equals(cursor));
        return new ArrayList<>(keys);
    }

    /** Closes the socket. Closing twice is harmless. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    /**
     * Returns whether the socket is still open.
     *
     * @return {@code false} after {@link #close()} or an I/O error
     */
    public boolean isOpen() {
        return !socket.isClosed();
    }

    /** Returns the local port of the socket: the server shows the client as {@code 127.0.0.1:<port>}. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** Changes the read timeout; {@code 0} waits for ever (used by MONITOR readers). */
    void readTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes one command without reading its reply. */
    synchronized void send(byte[]... args) {
        try {
            writeCommand(args);
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Reads the next reply.
     *
     * @throws RespException for an error reply
     */
    Object read() {
        try {
            return readReply();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void writeCommand(byte[]... args) throws IOException {
        out.write('*');
        out.write(ascii(args.length));
        out.write('\r');
        out.write('\n');
        for (byte[] arg : args) {
            out.write('$');
            out.write(ascii(arg.length));
            out.write('\r');
            out.write('\n');
            out.write(arg);
            out.write('\r');
            out.write('\n');
        }
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RespException(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return readBulk(Integer.parseInt(line));
            case '*':
                return readArray(Integer.parseInt(line));
            default:
                throw new IOException("unexpected RESP type byte [" + (char) type + "] followed by [" + line + "]");
        }
    }

    private byte[] readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("truncated bulk string of " + length + " bytes");
        }
        return data;
    }

    private List<Object> readArray(int size) throws IOException {
        if (size < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            try {
                items.add(readReply());
            } catch (RespException e) {
                items.add(e);
            }
        }
        return items;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("malformed reply line: CR without LF");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private UncheckedIOException failure(IOException e) {
        close();
        return new UncheckedIOException("RespConnection to [" + socket.getRemoteSocketAddress() + "] failed, now closed", e);
    }

    private static IllegalStateException unexpected(String[] args, Object reply) {
        String shown = reply instanceof byte[] bytes ? "bulk of " + bytes.length + " bytes" : String.valueOf(reply);
        return new IllegalStateException("Unexpected reply [" + shown + "] to [" + Arrays.asList(args) + "]");
    }

    private static byte[] ascii(int number) {
        return Integer.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
