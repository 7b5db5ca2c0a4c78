package io.redissession.session;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdsTest {

    private final SessionIds ids = new SessionIds();

    @Test
    void createsWellFormedUniqueIds() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.create();
            assertTrue(SessionIds.isWellFormed(id), id);
            assertTrue(seen.add(id));
        }
    }

    @Test
    void renewKeepsTheTagAndChangesTheSecret() {
        String id = ids.create();
        String renewed = ids.renew(id);
        assertEquals(SessionIds.tagOf(id), SessionIds.tagOf(renewed));
        assertNotEquals(SessionIds.secretOf(id), SessionIds.secretOf(renewed));
        assertTrue(SessionIds.isWellFormed(renewed));
    }

    @Test
    void tagsNameEveryShard() {
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            tags.add(SessionIds.tagOf(ids.create()));
        }
        assertEquals(SessionIds.SHARDS, tags.size());
        assertTrue(tags.contains("e000") && tags.contains("e255"), tags.toString());
        assertTrue(SessionIds.isWellFormed(SessionIds.shardTag(255) + "a".repeat(SessionIds.SECRET_LENGTH)));
        assertThrows(IllegalArgumentException.class, () -> SessionIds.shardTag(SessionIds.SHARDS));
    }

    @Test
    void rejectsHostileOrForeignIds() {
        for (String bad : new String[] {null, "", "abc", "x".repeat(27), "x".repeat(25),
                "AAAA}*\r\nDEL x:aaaaaaaaaaaaa", "AAAA{aaaaaaaaaaaaaaaaaaaaa", "ÄAAAaaaaaaaaaaaaaaaaaaaaaa",
                "AAAA aaaaaaaaaaaaaaaaaaaaa", "6C1F1D5E8A4B4E0C9E7D1C2B3A4F5E6D",
                "AAAAaaaaaaaaaaaaaaaaaaaaaa", "e256aaaaaaaaaaaaaaaaaaaaaa", "E000aaaaaaaaaaaaaaaaaaaaaa",
                "e0a0aaaaaaaaaaaaaaaaaaaaaa", "e000aaaaaaaaaaaaaaaaaaaaa=", "e000aaaaaaaaaaaaaaaaaaaaa"}) {
            assertFalse(SessionIds.isWellFormed(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> ids.renew("bad"));
    }
}
