package io.redissession.redis.direct;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Redis replies (RESP2) from a stream: a bulk or simple string as {@code byte[]}, an integer as {@link Long},
 * nil as {@code null}, an array as a {@link List} of those. An error reply is thrown as {@link ErrorReply} once the
 * whole reply has been read, so that the connection stays usable.
 */
final class RespInput {

    /** Longest bulk string accepted (Redis's own limit, {@code proto-max-bulk-len}, defaults to 512 MB). */
    private static final int MAX_BULK = 512 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    /** The first error met in the reply being read, thrown once the whole reply is read. */
    private ErrorReply firstError;

    RespInput(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next reply
     * @throws ErrorReply if the reply is, or contains, an error
     * @throws IOException if the stream fails, ends or does not speak RESP2
     */
    Object read() throws IOException {
        firstError = null;
        Object reply = value();
        if (firstError != null) {
            throw firstError;
        }
        return reply;
    }

    private Object value() throws IOException {
        int type = next();
        switch (type) {
            case '+':
                return line();
            case '-':
                if (firstError == null) {
                    firstError = new ErrorReply(new String(line(), StandardCharsets.UTF_8));
                } else {
                    line();
                }
                return null;
            case ':':
                return number();
            case '$':
                return bulk(number());
            case '*':
                long count = number();
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>((int) Math.min(count, 1024));
                for (long i = 0; i < count; i++) {
                    items.add(value());
                }
                return items;
            default:
                throw new IOException("not a Redis reply: unexpected byte " + type);
        }
    }

    private byte[] bulk(long size) throws IOException {
        if (size < 0) {
            return null;
        }
        if (size > MAX_BULK) {
            throw new IOException("not a Redis reply: bulk string of " + size + " bytes is over the limit");
        }
        byte[] bytes = new byte[(int) size];
        int copied = 0;
        while (copied < bytes.length) {
            fillIfEmpty();
            int chunk = Math.min(bytes.length - copied, limit - position);
            System.arraycopy(buffer, position, bytes, copied, chunk);
            position += chunk;
            copied += chunk;
        }
        expect('\r');
        expect('\n');
        return bytes;
    }

    private long number() throws IOException {
        long value = 0;
        boolean negative = false;
        int b = next();
        if (b == '-') {
            negative = true;
            b = next();
        }
        int digits = 0;
        while (b != '\r') {
            if (b < '0' || b > '9' || ++digits > 18) {
                throw new IOException("not a Redis reply: bad number");
            }
            value = value * 10 + (b - '0');
            b = next();
        }
        expect('\n');
        return negative ? -value : value;
    }

    private byte[] line() throws IOException {
        StringBuilder text = new StringBuilder();
        int b = next();
        while (b != '\r') {
            text.append((char) b);
            b = next();
        }
        expect('\n');
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void expect(char expected) throws IOException {
        if (next() != expected) {
            throw new IOException("not a Redis reply: missing line end");
        }
    }

    private int next() throws IOException {
        fillIfEmpty();
        return buffer[position++] & 0xff;
    }

    private void fillIfEmpty() throws IOException {
        if (position < limit) {
            return;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            throw new EOFException("Redis closed the connection");
        }
        position = 0;
        limit = read;
    }

    /** @return whether bytes are waiting to be decoded (a reply nobody asked for) */
    boolean hasBuffered() {
        return position < limit;
    }
}
