package io.redissession.redis.direct;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RESP2 encoder and decoder of direct connections, on hand-written protocol bytes. */
class RespCodecTest {

    @Test
    void encodesCommandsAsArraysOfBulkStrings() throws IOException {
        RespOutput output = new RespOutput();
        output.command(bytes("EVALSHA"), bytes("ab"), new byte[0]);
        output.command(bytes("PING"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.writeTo(out);
        assertEquals("*3\r\n$7\r\nEVALSHA\r\n$2\r\nab\r\n$0\r\n\r\n*1\r\n$4\r\nPING\r\n",
                out.toString(StandardCharsets.US_ASCII));
        int written = out.size();
        output.writeTo(out);
        assertEquals(written, out.size(), "the buffer is emptied once written");
    }

    @Test
    void growsItsBufferForLargeArguments() throws IOException {
        byte[] large = new byte[100_000];
        Arrays.fill(large, (byte) 'x');
        RespOutput output = new RespOutput();
        output.command(bytes("SET"), large);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.writeTo(out);
        assertEquals(100_000 + "*2\r\n$3\r\nSET\r\n$100000\r\n\r\n".length(), out.size());
    }

    @Test
    void decodesEveryReplyTypeAsTheScriptsUseThem() throws IOException {
        RespInput in = input("$5\r\nSAVED\r\n:42\r\n:-7\r\n$-1\r\n*-1\r\n+OK\r\n"
                + "*4\r\n$1\r\na\r\n$0\r\n\r\n*1\r\n:1\r\n$-1\r\n");
        assertArrayEquals(bytes("SAVED"), (byte[]) in.read());
        assertEquals(42L, in.read());
        assertEquals(-7L, in.read());
        assertNull(in.read());
        assertNull(in.read());
        assertArrayEquals(bytes("OK"), (byte[]) in.read());
        List<?> array = (List<?>) in.read();
        assertArrayEquals(bytes("a"), (byte[]) array.get(0));
        assertArrayEquals(new byte[0], (byte[]) array.get(1));
        assertEquals(List.of(1L), array.get(2));
        assertNull(array.get(3));
        assertFalse(in.hasBuffered());
    }

    @Test
    void readsBulkStringsLargerThanItsBufferAcrossManyReads() throws IOException {
        String value = "v".repeat(50_000);
        InputStream trickle = new ByteArrayInputStream(bytes("$50000\r\n" + value + "\r\n")) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        assertEquals(value, new String((byte[]) new RespInput(trickle).read(), StandardCharsets.UTF_8));
    }

    @Test
    void throwsAnErrorReplyOnlyAfterReadingTheWholeReply() throws IOException {
        RespInput in = input("-NOSCRIPT No matching script\r\n*2\r\n-ERR inner\r\n:1\r\n:5\r\n");
        ErrorReply top = assertThrows(ErrorReply.class, in::read);
        assertEquals("NOSCRIPT", top.code());
        ErrorReply nested = assertThrows(ErrorReply.class, in::read);
        assertEquals("ERR inner", nested.getMessage());
        assertEquals(5L, in.read(), "the stream stays aligned on the next reply");
    }

    @Test
    void rejectsWhatIsNotARedisReply() {
        assertTrue(assertThrows(IOException.class, () -> input("HTTP/1.1 400\r\n").read()).getMessage()
                .contains("not a Redis reply"));
        assertThrows(IOException.class, () -> input(":12a\r\n").read());
        assertThrows(IOException.class, () -> input("$3\r\nabcXY").read());
        assertThrows(IOException.class, () -> input(":99999999999999999999\r\n").read());
        assertThrows(IOException.class, () -> input("$999999999999\r\n").read());
        assertThrows(EOFException.class, () -> input("$10\r\nshort").read());
        assertThrows(EOFException.class, () -> input("").read());
    }

    private static RespInput input(String protocol) {
        return new RespInput(new ByteArrayInputStream(bytes(protocol)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
