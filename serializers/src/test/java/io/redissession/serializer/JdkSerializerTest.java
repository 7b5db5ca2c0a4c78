package io.redissession.serializer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdkSerializerTest {

    record Cart(String owner, List<String> items) implements Serializable { }

    static final class Opaque { }

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void roundTripsSerializableValues() {
        JdkSerializer serializer = new JdkSerializer();
        Cart cart = new Cart("alice", new ArrayList<>(List.of("apple", "pear")));
        assertEquals(cart, serializer.deserialize(serializer.serialize(cart), loader));
        assertEquals(42, serializer.deserialize(serializer.serialize(42), loader));
    }

    @Test
    void commonTypesUseTheCompactFormAndRoundTrip() {
        JdkSerializer serializer = new JdkSerializer("!*");
        for (Object value : new Object[] {"", "héllo wörld", 0, -7, Integer.MAX_VALUE, Long.MIN_VALUE, 42L, true,
                false, 3.25, Double.NaN}) {
            byte[] bytes = serializer.serialize(value);
            assertTrue(bytes[0] >= 1 && bytes[0] <= 5, "compact tag for " + value);
            assertEquals(value, serializer.deserialize(bytes, loader));
        }
        assertEquals(5, serializer.serialize(1).length);
    }

    @Test
    void corruptCompactValuesAreRefused() {
        JdkSerializer serializer = new JdkSerializer();
        assertThrows(SerializationException.class, () -> serializer.deserialize(new byte[] {2, 0, 0}, loader));
        assertThrows(SerializationException.class, () -> serializer.deserialize(new byte[] {3}, loader));
        assertThrows(SerializationException.class, () -> serializer.deserialize(new byte[] {9, 1}, loader));
        assertThrows(SerializationException.class, () -> serializer.deserialize(new byte[0], loader));
    }

    @Test
    void refusesValuesThatAreNotSerializable() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JdkSerializer().serialize(new Opaque()));
        assertEquals(Opaque.class.getName(), e.getClassName());
    }

    @Test
    void filterRejectsClassesOutsideThePattern() {
        byte[] bytes = new JdkSerializer().serialize(new Cart("bob", new ArrayList<>()));
        JdkSerializer strict = new JdkSerializer("java.lang.*;java.util.*;!*");
        SerializationException e = assertThrows(SerializationException.class,
                () -> strict.deserialize(bytes, loader));
        assertTrue(e.getMessage().contains("ObjectInputFilter"), e.getMessage());
    }

    @Test
    void corruptBytesGiveSerializationException() {
        assertThrows(SerializationException.class,
                () -> new JdkSerializer().deserialize(new byte[] {(byte) 0xAC, (byte) 0xED, 3, 4}, loader));
        byte[] valid = new JdkSerializer().serialize(new ArrayList<>(List.of("hello")));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 2);
        assertThrows(SerializationException.class, () -> new JdkSerializer().deserialize(truncated, loader));
    }

    @Test
    void missingClassIsReportedByName() throws Exception {
        byte[] bytes = new JdkSerializer().serialize(new Cart("carol", new ArrayList<>()));
        ClassLoader withoutTestClasses = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JdkSerializer().deserialize(bytes, withoutTestClasses));
        assertTrue(e.getMessage().contains(Cart.class.getName()), e.getMessage());
    }

    @Test
    void defaultFilterRejectsDeepGraphs() throws Exception {
        Object[] root = new Object[1];
        Object[] current = root;
        for (int i = 0; i < 100; i++) {
            Object[] next = new Object[1];
            current[0] = next;
            current = next;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        assertThrows(SerializationException.class,
                () -> new JdkSerializer().deserialize(bytes.toByteArray(), loader));
    }

    @Test
    void malformedPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JdkSerializer("maxdepth=abc"));
    }
}
