package io.redissession.serializer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSerializerTest {

    public static final class Cart {
        public String owner;
        public List<String> items;

        public Cart() {
        }

        Cart(String owner, List<String> items) {
            this.owner = owner;
            this.items = items;
        }
    }

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void roundTripsBuiltInTypesWithoutConfiguration() {
        JsonSerializer serializer = new JsonSerializer(List.of());
        assertEquals("hi", serializer.deserialize(serializer.serialize("hi"), loader));
        assertEquals(7, serializer.deserialize(serializer.serialize(7), loader));
        assertEquals(7L, serializer.deserialize(serializer.serialize(7L), loader));
        assertEquals(true, serializer.deserialize(serializer.serialize(true), loader));
    }

    @Test
    void storesReadableJsonWithClassName() {
        byte[] bytes = new JsonSerializer(List.of()).serialize("hi");
        assertEquals("{\"@class\":\"java.lang.String\",\"value\":\"hi\"}", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsAllowListedApplicationTypes() {
        JsonSerializer serializer = new JsonSerializer(List.of("io.redissession.serializer.*"));
        Cart back = (Cart) serializer.deserialize(serializer.serialize(new Cart("alice", List.of("a", "b"))), loader);
        assertEquals("alice", back.owner);
        assertEquals(List.of("a", "b"), back.items);
    }

    @Test
    void refusesToWriteTypesOutsideTheAllowList() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JsonSerializer(List.of()).serialize(new Cart("x", List.of())));
        assertEquals(Cart.class.getName(), e.getClassName());
    }

    @Test
    void refusesToReadTypesOutsideTheAllowList() {
        byte[] gadget = ("{\"@class\":\"java.net.URL\",\"value\":\"http://127.0.0.1/\"}")
                .getBytes(StandardCharsets.UTF_8);
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JsonSerializer(List.of()).deserialize(gadget, loader));
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
    }

    @Test
    void corruptOrForeignJsonIsRefused() {
        JsonSerializer serializer = new JsonSerializer(List.of());
        assertThrows(SerializationException.class,
                () -> serializer.deserialize("{not json".getBytes(StandardCharsets.UTF_8), loader));
        assertThrows(SerializationException.class,
                () -> serializer.deserialize("{\"a\":1}".getBytes(StandardCharsets.UTF_8), loader));
        assertThrows(SerializationException.class, () -> serializer.deserialize(
                "{\"@class\":\"java.lang.Integer\",\"value\":\"abc\"}".getBytes(StandardCharsets.UTF_8), loader));
    }

    @Test
    void mapsAreReadAsPlainJsonStructures() {
        JsonSerializer serializer = new JsonSerializer(List.of());
        Object back = serializer.deserialize(serializer.serialize(new java.util.LinkedHashMap<>(Map.of("k", 1))),
                loader);
        assertEquals(Map.of("k", 1), back);
    }

    @Test
    void malformedAllowListEntryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JsonSerializer(List.of("com..bad")));
    }
}
