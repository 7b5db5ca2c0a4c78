package io.redissession.events;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionNoticeTest {

    @Test
    void parsesTheMessagesTheScriptsPublish() {
        assertEquals(Optional.of(new SessionNotice(SessionNotice.Kind.INVALIDATED, "e001abc", null, "42-ab")),
                SessionNotice.parse("destroyed e001abc invalidated 42-ab"));
        assertEquals(Optional.of(new SessionNotice(SessionNotice.Kind.EXPIRED, "e001abc", null, "42-ab")),
                SessionNotice.parse("destroyed e001abc expired 42-ab"));
        assertEquals(Optional.of(new SessionNotice(SessionNotice.Kind.ID_CHANGED, "e001old", "e001new", "7-cd")),
                SessionNotice.parse("id-changed e001old e001new 7-cd"));
    }

    @Test
    void ignoresOtherMessages() {
        for (String other : new String[] {null, "", "destroyed e001abc", "destroyed e001abc gone 1", "hello a b c",
                "destroyed a b c d"}) {
            assertEquals(Optional.empty(), SessionNotice.parse(other), String.valueOf(other));
        }
    }

    @Test
    void newIdOnlyForIdChanges() {
        assertThrows(IllegalArgumentException.class,
                () -> new SessionNotice(SessionNotice.Kind.ID_CHANGED, "a", null, "n"));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionNotice(SessionNotice.Kind.EXPIRED, "a", "b", "n"));
    }
}
