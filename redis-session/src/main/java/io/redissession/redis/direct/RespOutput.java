package io.redissession.redis.direct;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Encodes commands in the Redis protocol (RESP2 arrays of bulk strings) into a reusable buffer. */
final class RespOutput {

    /** Size of the buffer at rest; one that grew for a large command shrinks back to it once written. */
    private static final int INITIAL = 1024;
    private static final int KEPT = 64 * 1024;

    private byte[] buffer = new byte[INITIAL];
    private int length;

    /** Appends one command; its arguments are sent as they are. */
    void command(byte[]... args) {
        appendHeader('*', args.length);
        for (byte[] arg : args) {
            appendHeader('$', arg.length);
            append(arg, arg.length);
            appendCrLf();
        }
    }

    /** Writes what was appended and empties the buffer. */
    void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, length);
        out.flush();
        clear();
    }

    /** Forgets what was appended; a buffer grown past 64 KiB for a large session is not kept for the next one. */
    void clear() {
        length = 0;
        if (buffer.length > KEPT) {
            buffer = new byte[INITIAL];
        }
    }

    /** Appends {@code type}, the decimal digits of {@code count} (not negative) and CRLF, without allocating. */
    private void appendHeader(char type, int count) {
        ensure(14);
        buffer[length++] = (byte) type;
        int digits = 1;
        for (int rest = count / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = length + digits - 1, rest = count; i >= length; i--, rest /= 10) {
            buffer[i] = (byte) ('0' + rest % 10);
        }
        length += digits;
        appendCrLf();
    }

    private void appendCrLf() {
        ensure(2);
        buffer[length++] = '\r';
        buffer[length++] = '\n';
    }

    private void append(byte[] bytes, int count) {
        ensure(count);
        System.arraycopy(bytes, 0, buffer, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
