package io.redissession.redis.direct;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes commands in the Redis protocol (RESP2 arrays of bulk strings) into a reusable buffer. */
final class RespOutput {

    private byte[] buffer = new byte[1024];
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
        length = 0;
    }

    /** Forgets what was appended. */
    void clear() {
        length = 0;
    }

    private void appendHeader(char type, int count) {
        ensure(16);
        buffer[length++] = (byte) type;
        byte[] digits = Integer.toString(count).getBytes(StandardCharsets.US_ASCII);
        append(digits, digits.length);
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
