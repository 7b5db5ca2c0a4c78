package io.redissession.tools;

import io.redissession.serializer.JdkSerializer;
import io.redissession.serializer.JsonSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredValuesTest {

    private final JdkSerializer jdk = new JdkSerializer();

    @Test
    void readsTheTypeWithoutLoadingAClass() {
        assertEquals("java.lang.String", StoredValues.typeOf(jdk.serialize("hello")));
        assertEquals("java.lang.Long", StoredValues.typeOf(jdk.serialize(42L)));
        assertEquals("java.util.HashMap", StoredValues.typeOf(jdk.serialize(new HashMap<>())));
        assertEquals("int[]", StoredValues.typeOf(jdk.serialize(new int[] {1, 2})));
        assertEquals("java.lang.String[][]", StoredValues.typeOf(jdk.serialize(new String[][] {{"a"}})));
        assertEquals("io.redissession.tools.Cart", StoredValues.typeOf(jdk.serialize(new Cart("a", 1))));
        assertEquals("java.util.ArrayList", StoredValues.typeOf(new JsonSerializer(List.of())
                .serialize(new ArrayList<>(List.of("a")))));
        assertEquals("unknown", StoredValues.typeOf(new byte[] {(byte) 0xAC, (byte) 0xED}));
        assertEquals("unknown", StoredValues.typeOf(new byte[] {'{', 'x'}));
        assertEquals("unknown", StoredValues.typeOf(new byte[0]));
    }

    @Test
    void decodesOnlyWhenAskedAndSaysWhyNot() {
        byte[] cart = jdk.serialize(new Cart("shop", 2));
        StoredValues.Value hidden = new StoredValues(null, List.of(), getClass().getClassLoader()).read(cart);
        assertNull(hidden.value());
        assertEquals(cart.length, hidden.bytes());
        StoredValues.Value shown = new StoredValues("jdk", List.of(), getClass().getClassLoader()).read(cart);
        assertEquals("Cart[owner=shop, items=2]", shown.value());
        StoredValues.Value unreadable = new StoredValues("jdk", List.of(), ClassLoader.getPlatformClassLoader())
                .read(cart);
        assertNull(unreadable.value());
        assertNotNull(unreadable.problem());
        assertEquals("io.redissession.tools.Cart", unreadable.type());
        StoredValues.Value cut = new StoredValues("jdk", List.of(), getClass().getClassLoader())
                .read(jdk.serialize("y".repeat(5000)));
        assertTrue(cut.value().endsWith("... (5000 chars)"), cut.value().substring(1990));
    }
}
