package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReplyOutput} fed by {@link StatusAwareStateMachine}, from the bytes a server sends. */
class ReplyOutputTest {

    @Test
    void statusesAreTextAndBulkStringsBytes() {
        assertEquals("OK", decode("+OK\r\n").get());
        assertArrayEquals(bytes("OK"), (byte[]) decode("$2\r\nOK\r\n").get());
        assertNull(decode("$-1\r\n").get());
        assertEquals(42L, decode(":42\r\n").get());
    }

    @Test
    void arraysNestAndNilsStayNil() {
        List<?> reply = (List<?>) decode("*5\r\n:1\r\n*2\r\n$1\r\nx\r\n*0\r\n*-1\r\n$-1\r\n*1\r\n:2\r\n").get();
        assertEquals(5, reply.size(), reply::toString);
        assertEquals(1L, reply.get(0));
        List<?> nested = (List<?>) reply.get(1);
        assertArrayEquals(bytes("x"), (byte[]) nested.get(0));
        assertEquals(List.of(), nested.get(1));
        assertNull(reply.get(2));
        assertNull(reply.get(3));
        assertEquals(List.of(2L), reply.get(4));
        assertNull(decode("*-1\r\n").get());
        assertEquals(List.of(), decode("*0\r\n").get());
    }

    @Test
    void anErrorInsideAnArrayIsAnElement() {
        List<?> reply = (List<?>) decode("*2\r\n+OK\r\n-WRONGTYPE Operation against a key\r\n").get();
        assertEquals("OK", reply.get(0));
        RedisErrorReply error = assertInstanceOf(RedisErrorReply.class, reply.get(1));
        assertEquals("WRONGTYPE", error.code());
        assertEquals("WRONGTYPE Operation against a key", error.getMessage());
    }

    @Test
    void anErrorOfTheWholeReplyIsLeftToLettuce() {
        ReplyOutput output = decode("-NOSCRIPT No matching script\r\n");
        assertTrue(output.hasError());
        assertEquals("NOSCRIPT No matching script", output.getError());
        assertNull(output.get());
    }

    @Test
    void queuedStatusesAreKeptWhereverTheyAre() {
        assertEquals("QUEUED", decode("+QUEUED\r\n").get());
        assertEquals(Arrays.asList("QUEUED", List.of("QUEUED"), 7L),
                decode("*3\r\n+QUEUED\r\n*1\r\n+QUEUED\r\n:7\r\n").get());
    }

    @Test
    void aReplySplitAcrossReadsIsDecodedOnce() {
        StatusAwareStateMachine decoder = new StatusAwareStateMachine();
        ReplyOutput output = new ReplyOutput();
        ByteBuf buffer = Unpooled.buffer();
        buffer.writeBytes(bytes("*2\r\n$3\r\nab"));
        assertFalse(decoder.decode(buffer, output));
        buffer.writeBytes(bytes("c\r\n+O"));
        assertFalse(decoder.decode(buffer, output));
        buffer.writeBytes(bytes("K\r\n"));
        assertTrue(decoder.decode(buffer, output));
        List<?> reply = (List<?>) output.get();
        assertArrayEquals(bytes("abc"), (byte[]) reply.get(0));
        assertEquals("OK", reply.get(1));
    }

    @Test
    void resp3MapsComeFlat() {
        assertEquals(List.of("proto", 3L), decode("%1\r\n+proto\r\n:3\r\n").get());
    }

    private static ReplyOutput decode(String reply) {
        ReplyOutput output = new ReplyOutput();
        assertTrue(new StatusAwareStateMachine().decode(Unpooled.wrappedBuffer(bytes(reply)), output), reply);
        return output;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
