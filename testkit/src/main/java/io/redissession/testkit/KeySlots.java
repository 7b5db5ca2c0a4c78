package io.redissession.testkit;

import java.nio.charset.StandardCharsets;

/**
 * Computes the Redis Cluster hash slot of a key as the server does: CRC16 (XMODEM) of the key, or of
 * its hash tag, modulo 16384. The hash tag is the text between the first {@code '{'} and the first
 * {@code '}'} after it, when that text is not empty.
 */
final class KeySlots {

    /** The number of hash slots of a Redis Cluster. */
    static final int SLOTS = 16384;

    private KeySlots() {
    }

    /** Returns the slot of a key given as text, encoded as UTF-8 (as {@link RedisTestConnection} sends it). */
    static int slot(String key) {
        return slot(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the slot of a key. */
    static int slot(byte[] key) {
        int open = indexOf(key, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1);
            if (close > open + 1) {
                return crc16(key, open + 1, close) & (SLOTS - 1);
            }
        }
        return crc16(key, 0, key.length) & (SLOTS - 1);
    }

    /** Returns the CRC16 (polynomial 0x1021, initial value 0, no reflection) of {@code bytes[from..to)}. */
    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
