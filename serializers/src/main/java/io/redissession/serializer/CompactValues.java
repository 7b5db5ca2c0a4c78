package io.redissession.serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A compact binary form for the most common attribute types ({@link String}, {@link Integer}, {@link Long},
 * {@link Boolean}, {@link Double}): one tag byte followed by the value. It spares the cost of an
 * {@link java.io.ObjectInputStream} for them. Tags never collide with the first byte of a Java serialization stream
 * ({@code 0xAC}).
 */
final class CompactValues {

    static final byte STRING = 1;
    static final byte INTEGER = 2;
    static final byte LONG = 3;
    static final byte BOOLEAN = 4;
    static final byte DOUBLE = 5;

    private CompactValues() {
    }

    /** @return the compact form, or {@code null} if the value's type has none */
    static byte[] encode(Object value) {
        if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[utf8.length + 1];
            out[0] = STRING;
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            return out;
        }
        if (value instanceof Integer number) {
            return ByteBuffer.allocate(5).put(INTEGER).putInt(number).array();
        }
        if (value instanceof Long number) {
            return ByteBuffer.allocate(9).put(LONG).putLong(number).array();
        }
        if (value instanceof Boolean flag) {
            return new byte[] {BOOLEAN, (byte) (flag ? 1 : 0)};
        }
        if (value instanceof Double number) {
            return ByteBuffer.allocate(9).put(DOUBLE).putDouble(number).array();
        }
        return null;
    }

    /** @return whether {@code data} is in the compact form */
    static boolean isCompact(byte[] data) {
        return data.length > 0 && data[0] >= STRING && data[0] <= DOUBLE;
    }

    /**
     * @param data bytes for which {@link #isCompact} holds
     * @return the value
     * @throws SerializationException if the length does not fit the tag
     */
    static Object decode(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data, 1, data.length - 1);
        return switch (data[0]) {
            case STRING -> new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
            case INTEGER -> sized(data, 5, "java.lang.Integer", () -> buffer.getInt());
            case LONG -> sized(data, 9, "java.lang.Long", () -> buffer.getLong());
            case BOOLEAN -> sized(data, 2, "java.lang.Boolean", () -> data[1] != 0);
            case DOUBLE -> sized(data, 9, "java.lang.Double", () -> buffer.getDouble());
            default -> throw new SerializationException("unknown compact tag", null, null);
        };
    }

    private static Object sized(byte[] data, int length, String type, java.util.function.Supplier<Object> read) {
        if (data.length != length) {
            throw new SerializationException("corrupt compact value: " + data.length + " bytes", type, null);
        }
        return read.get();
    }
}
