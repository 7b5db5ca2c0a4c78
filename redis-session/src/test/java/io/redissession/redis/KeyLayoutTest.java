package io.redissession.redis;

import io.redissession.session.SessionIds;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyLayoutTest {

    private final KeyLayout layout = new KeyLayout("redis-session", "shop");

    @Test
    void sessionKeyUsesTheIdTagAsHashTag() {
        assertEquals("redis-session:shop:session:{e042}0123456789abcdefghij-_",
                layout.sessionKey("e0420123456789abcdefghij-_"));
        assertEquals("redis-session:shop:session:*", layout.sessionKeyPattern());
    }

    @Test
    void expiryIndexShardsShareTheSessionHashTag() {
        assertEquals("redis-session:shop:expiries:{e042}", layout.expiryIndexKey("e0420123456789abcdefghij-_"));
        assertEquals("redis-session:shop:expiries:{e042}", layout.expiryIndexKey(42));
        assertEquals("redis-session:shop:expiries:{e000}", layout.expiryIndexKey(0));
        assertThrows(IllegalArgumentException.class, () -> layout.expiryIndexKey(SessionIds.SHARDS));
        assertThrows(IllegalArgumentException.class, () -> layout.expiryIndexKey("x}{y"));
        assertEquals("redis-session:shop:notices", layout.noticeChannel());
    }

    @Test
    void destroyedCopiesShareTheSessionHashTagAndAreNotSessionKeys() {
        String id = "e0420123456789abcdefghij-_";
        String[] keys = layout.destroyKeys(id, "9f3a");
        assertEquals("redis-session:shop:destroyed:{e042}0123456789abcdefghij-_:9f3a", keys[3]);
        assertEquals("redis-session:shop:destroyed-large:{e042}0123456789abcdefghij-_:9f3a", keys[4]);
        for (String key : keys) {
            assertEquals("e042", hashTag(key));
        }
        assertFalse(keys[3].startsWith("redis-session:shop:session:"));
    }

    @Test
    void renewedIdsStayInTheSameSlot() {
        SessionIds ids = new SessionIds();
        String id = ids.create();
        String key = layout.sessionKey(id);
        String renewed = layout.sessionKey(ids.renew(id));
        assertEquals(hashTag(key), hashTag(renewed));
    }

    @Test
    void refusesToBuildKeysFromMalformedIds() {
        assertThrows(IllegalArgumentException.class, () -> layout.sessionKey("x}{y"));
        assertThrows(IllegalArgumentException.class, () -> layout.sessionKey(null));
    }

    @Test
    void attributeFieldsArePrefixed() {
        assertEquals("attr:user", KeyLayout.attributeField("user"));
        assertEquals("user", KeyLayout.attributeName("attr:user".getBytes(StandardCharsets.UTF_8)));
        assertNull(KeyLayout.attributeName("created".getBytes(StandardCharsets.UTF_8)));
    }

    private static String hashTag(String key) {
        return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
    }

    @Test
    void userIndexKeysMakeTheWholeNameTheHashTagAndReadBack() {
        KeyLayout keys = new KeyLayout("redis-session", "shop");
        assertEquals("redis-session:shop:user:{alice}", keys.userIndexKey("alice"));
        String odd = "a{b}c %d\teé中";
        String key = keys.userIndexKey(odd);
        assertEquals("redis-session:shop:user:{a%7Bb%7Dc%20%25d%09eé中}", key);
        assertEquals(odd, keys.userOfIndexKey(key));
        assertThrows(IllegalArgumentException.class, () -> keys.userIndexKey(""));
        assertThrows(IllegalArgumentException.class,
                () -> keys.userOfIndexKey("redis-session:shop:session:{e001}x"));
    }
}
