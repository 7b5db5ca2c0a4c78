package io.redissession.session;

import io.redissession.AttributeNotSerializableException;
import io.redissession.serializer.JdkSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackedSessionTest {

    private static final String ID = "e001" + "b".repeat(22);
    private final JdkSerializer serializer = new JdkSerializer();
    private final AttributeCodec codec = new AttributeCodec(serializer, getClass().getClassLoader());

    private TrackedSession stored(Map<String, byte[]> attributes) {
        return TrackedSession.load(new StoredSession(ID, 1000, 2000, 60, attributes), codec, AttributeLifecycle.NONE);
    }

    @Test
    void newSessionCommitsAsCreateWithItsAttributes() {
        TrackedSession session = TrackedSession.create(ID, 5000, 90, codec, AttributeLifecycle.NONE);
        session.put("user", "alice");
        SessionChanges changes = session.pendingChanges(SaveMode.ON_SET);
        assertTrue(changes.create());
        assertEquals(90, changes.maxInactiveInterval());
        assertEquals(Set.of("user"), changes.writes().keySet());
        session.committed(changes);
        assertTrue(session.isStored());
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty());
    }

    @Test
    void absorbTakesOtherRequestsChangesButKeepsThisRequestsView() {
        TrackedSession session = stored(Map.of("read", serializer.serialize("r1"), "untouched",
                serializer.serialize("u1"), "dropped", serializer.serialize("d1"), "removed",
                serializer.serialize("x1")));
        assertEquals("r1", session.get("read"));
        session.put("set", "mine");
        session.remove("removed");
        session.absorb(Map.of("read", serializer.serialize("r2"), "untouched", serializer.serialize("u2"),
                "added", serializer.serialize("a2"), "removed", serializer.serialize("x2"), "set",
                serializer.serialize("theirs")));
        assertEquals("r1", session.get("read"));
        assertEquals("u2", session.get("untouched"));
        assertEquals("a2", session.get("added"));
        assertEquals("mine", session.get("set"));
        assertNull(session.get("removed"));
        assertNull(session.get("dropped"));
    }

    @Test
    void onSetWritesOnlyWhatWasSetOrRemoved() {
        TrackedSession session = stored(Map.of("a", serializer.serialize("1"), "b", serializer.serialize("2"),
                "c", serializer.serialize("3")));
        assertEquals("1", session.get("a"));
        session.put("b", "20");
        session.remove("c");
        SessionChanges changes = session.pendingChanges(SaveMode.ON_SET);
        assertEquals(Set.of("b"), changes.writes().keySet());
        assertEquals(Set.of("c"), changes.removals());
        assertEquals(null, changes.maxInactiveInterval());
    }

    @Test
    void readOnlyRequestHasNothingToWrite() {
        TrackedSession session = stored(Map.of("a", serializer.serialize("1")));
        session.get("a");
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty());
        assertTrue(session.pendingChanges(SaveMode.ON_GET).isEmpty(), "unchanged read values are not rewritten");
    }

    @Test
    void onGetWritesBackObjectsChangedInPlace() {
        ArrayList<String> cart = new ArrayList<>(List.of("apple"));
        TrackedSession session = stored(Map.of("cart", serializer.serialize(cart)));
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) session.get("cart");
        loaded.add("pear");
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty());
        SessionChanges changes = session.pendingChanges(SaveMode.ON_GET);
        assertEquals(List.of("apple", "pear"), serializer.deserialize(changes.writes().get("cart"),
                getClass().getClassLoader()));
    }

    @Test
    void alwaysWritesEveryChangedReadableAttribute() {
        ArrayList<String> cart = new ArrayList<>(List.of("apple"));
        TrackedSession session = stored(Map.of("cart", serializer.serialize(cart), "x", serializer.serialize("y")));
        session.names();
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) session.get("cart");
        loaded.clear();
        assertEquals(Set.of("cart"), session.pendingChanges(SaveMode.ALWAYS).writes().keySet());
    }

    @Test
    void unreadableAttributeIsInvisibleAndNeverRewrittenOrDeleted() {
        byte[] corrupt = {(byte) 0xAC, (byte) 0xED, 9};
        TrackedSession session = stored(Map.of("bad", corrupt, "good", serializer.serialize("ok")));
        assertNull(session.get("bad"));
        assertEquals(Set.of("good"), session.names());
        SessionChanges changes = session.pendingChanges(SaveMode.ALWAYS);
        assertTrue(changes.writes().isEmpty());
        assertTrue(changes.removals().isEmpty());
        session.put("bad", "replaced");
        assertArrayEquals(serializer.serialize("replaced"), session.pendingChanges(SaveMode.ON_SET).writes().get("bad"));
    }

    @Test
    void changedIdCommitsAsRenameFromTheStoredId() {
        TrackedSession session = stored(Map.of());
        String newId = "AAAA" + "c".repeat(22);
        session.changeId(newId);
        SessionChanges changes = session.pendingChanges(SaveMode.ON_SET);
        assertEquals(newId, changes.id());
        assertEquals(ID, changes.previousId());
        session.committed(changes);
        assertEquals(newId, session.storedId());
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty());
    }

    @Test
    void timeoutChangeIsWritten() {
        TrackedSession session = stored(Map.of());
        session.maxInactiveInterval(60);
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty(), "same value is no change");
        session.maxInactiveInterval(5);
        assertEquals(5, session.pendingChanges(SaveMode.ON_SET).maxInactiveInterval());
    }

    @Test
    void valueOfANonSerializableTypeIsRefusedAtOnce() {
        TrackedSession session = stored(Map.of("thing", serializer.serialize("old")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.put("thing", new Object()));
        assertTrue(e.getMessage().contains("[thing]") && e.getMessage().contains("java.lang.Object"),
                e.getMessage());
        assertEquals("old", session.get("thing"));
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty());
    }

    /** Serializable itself, but holds a field that is not. */
    static final class Holder implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object inner = new Object();
    }

    @Test
    void nestedNonSerializableValueFailsTheCommitAndCanBeDiscarded() {
        TrackedSession session = stored(Map.of("thing", serializer.serialize("old")));
        session.put("thing", new Holder());
        session.put("other", "fine");
        AttributeNotSerializableException e = assertThrows(AttributeNotSerializableException.class,
                () -> session.pendingChanges(SaveMode.ON_SET));
        assertEquals("thing", e.getAttributeName());
        assertEquals(ID, e.getSessionId());
        assertEquals(Holder.class.getName(), e.getClassName());
        session.discard("thing");
        assertEquals("old", session.get("thing"));
        assertEquals(Set.of("other"), session.pendingChanges(SaveMode.ON_SET).writes().keySet());
    }

    @Test
    void invalidateReturnsReadableValuesAndMarksInvalid() {
        TrackedSession session = stored(Map.of("a", serializer.serialize("1"), "bad", new byte[] {(byte) 0xAC, 9}));
        assertEquals(Map.of("a", "1"), session.invalidate());
        assertTrue(session.isInvalid());
    }
}
