package io.redissession.session;

import io.redissession.serializer.JdkSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackedSessionTest {

    private static final String ID = "e001" + "b".repeat(22);
    private final JdkSerializer serializer = new JdkSerializer();
    private final AttributeCodec codec = new AttributeCodec(serializer, getClass().getClassLoader());

    private long now = 1_000_000;
    private final NodeLocalValues local = new NodeLocalValues(false, () -> now);
    private final NodeLocalValues distributable = new NodeLocalValues(true, () -> now);

    private TrackedSession stored(Map<String, byte[]> attributes) {
        return stored(attributes, local);
    }

    private TrackedSession stored(Map<String, byte[]> attributes, NodeLocalValues values) {
        return TrackedSession.load(new StoredSession(ID, 1000, 2000, 60, attributes), codec, AttributeLifecycle.NONE,
                values);
    }

    @Test
    void largeValuesAreFetchedOnlyWhenReadAndOncePerRequest() {
        List<Set<String>> fetches = new ArrayList<>();
        Map<String, byte[]> largeStore = Map.of("big1", serializer.serialize("one"), "big2",
                serializer.serialize("two"), "big3", serializer.serialize("three"));
        TrackedSession session = TrackedSession.load(new StoredSession(ID, 1000, 2000, 60,
                Map.of("small", serializer.serialize("s")), null, 0, Map.of("big1", 10, "big2", 10, "big3", 12)), codec,
                AttributeLifecycle.NONE, local, (storedId, names) -> {
                    assertEquals(ID, storedId);
                    fetches.add(Set.copyOf(names));
                    Map<String, byte[]> found = new java.util.HashMap<>();
                    names.forEach(name -> found.put(name, largeStore.get(name)));
                    return found;
                });
        assertEquals("s", session.get("small"));
        assertEquals(Set.of("small", "big1", "big2", "big3"), session.names());
        assertEquals(List.of(), fetches, "names and small values need no large value");
        assertEquals("one", session.get("big1"));
        assertEquals("one", session.get("big1"));
        assertEquals(List.of(Set.of("big1")), fetches, "one fetch for the value read, once");
        assertEquals("two", session.remove("big2"));
        session.invalidate();
        assertEquals(List.of(Set.of("big1"), Set.of("big2"), Set.of("big3")), fetches,
                "the remaining one for the unbinding events, in one fetch");
    }

    @Test
    void aLargeValueNobodyNeedsIsReplacedOrRemovedWithoutBeingRead() {
        List<Set<String>> fetches = new ArrayList<>();
        TrackedSession session = TrackedSession.load(new StoredSession(ID, 1000, 2000, 60, Map.of(), null, 0,
                Map.of("big1", 10, "big2", 10, "listener", 10), Set.of("listener")), codec, AttributeLifecycle.NONE,
                local, (storedId, names) -> {
                    fetches.add(Set.copyOf(names));
                    Map<String, byte[]> found = new java.util.HashMap<>();
                    names.forEach(name -> found.put(name, serializer.serialize("old " + name)));
                    return found;
                });
        assertNull(session.put("big1", "new", false), "replaced unread");
        assertNull(session.remove("big2", false), "removed unread");
        assertEquals(List.of(), fetches);
        assertEquals("old listener", session.put("listener", "new", false), "a binding listener is read");
        assertEquals(List.of(Set.of("listener")), fetches);
        SessionChanges changes = session.pendingChanges(SaveMode.ON_SET);
        assertEquals(Set.of("big1", "listener"), changes.writes().keySet());
        assertEquals(Set.of("big2"), changes.removals(), "the unread value is still deleted");
        assertEquals("new", session.get("big1"));
        assertEquals(Set.of("big1", "listener"), session.names());
    }

    @Test
    void newSessionCommitsAsCreateWithItsAttributes() {
        TrackedSession session = TrackedSession.create(ID, 5000, 90, codec, AttributeLifecycle.NONE, local);
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
    void aDistributableApplicationRefusesANonSerializableTypeAtOnce() {
        TrackedSession session = stored(Map.of("thing", serializer.serialize("old")), distributable);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.put("thing", new Object()));
        assertTrue(e.getMessage().contains("[thing]") && e.getMessage().contains("java.lang.Object"),
                e.getMessage());
        assertEquals("old", session.get("thing"));
        assertTrue(session.pendingChanges(SaveMode.ON_SET).isEmpty());
    }

    @Test
    void otherApplicationsKeepANonSerializableValueOnThisNodeAndStoreTheRest() {
        Object thing = new Object();
        TrackedSession session = stored(Map.of("thing", serializer.serialize("old")));
        assertEquals("old", session.put("thing", thing));
        session.put("other", "fine");
        SessionChanges changes = session.pendingChanges(SaveMode.ALWAYS);
        assertEquals(Set.of("other"), changes.writes().keySet());
        assertEquals(Set.of("thing"), changes.removals(), "the stored predecessor goes");
        session.committed(changes);
        assertEquals(Set.of("thing"), local.reportedNames());

        TrackedSession next = stored(Map.of("other", serializer.serialize("fine")));
        assertSame(thing, next.get("thing"));
        assertEquals(Set.of("other", "thing"), next.names());
        assertTrue(next.pendingChanges(SaveMode.ALWAYS).writes().isEmpty(), "never written, even with always");
    }

    /** Serializable itself, but holds a field that is not. */
    static final class Holder implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object inner = new Object();
    }

    @Test
    void aValueThatFailsToSerializeStaysOnThisNodeWithoutBlockingTheOthers() {
        Holder holder = new Holder();
        TrackedSession session = stored(Map.of("thing", serializer.serialize("old")), distributable);
        session.put("thing", holder);
        session.put("other", "fine");
        SessionChanges changes = session.pendingChanges(SaveMode.ON_SET);
        assertEquals(Set.of("other"), changes.writes().keySet());
        assertEquals(Set.of("thing"), changes.removals());
        session.committed(changes);
        assertSame(holder, stored(Map.of(), distributable).get("thing"));
    }

    @Test
    void aNewerStoredValueOrARemovalEndsTheValueKeptOnThisNode() {
        TrackedSession session = stored(Map.of());
        session.put("thing", new Object());
        session.put("gone", new Object());
        session.committed(session.pendingChanges(SaveMode.ON_SET));
        assertEquals(1, local.sessionCount());

        TrackedSession later = stored(Map.of("thing", serializer.serialize("from another node")));
        assertEquals("from another node", later.get("thing"));
        later.remove("gone");
        later.committed(later.pendingChanges(SaveMode.ON_SET));
        assertEquals(0, local.sessionCount(), "nothing left for the session");
    }

    @Test
    void keptValuesFollowIdChangesAndEndWithTheSessionOrItsTimeout() {
        TrackedSession session = stored(Map.of());
        session.put("thing", new Object());
        session.changeId("e001" + "c".repeat(22));
        session.committed(session.pendingChanges(SaveMode.ON_SET));
        assertEquals(Map.of(), local.of(ID));
        assertEquals(1, local.of("e001" + "c".repeat(22)).size());
        local.onNotice(new io.redissession.events.SessionNotice(io.redissession.events.SessionNotice.Kind.ID_CHANGED,
                "e001" + "c".repeat(22), ID, "other-node"));
        assertEquals(1, local.of(ID).size());
        stored(Map.of()).invalidate();
        assertEquals(0, local.sessionCount());

        TrackedSession idle = stored(Map.of());
        idle.put("thing", new Object());
        idle.committed(idle.pendingChanges(SaveMode.ON_SET));
        now += 61_000;
        TrackedSession other = TrackedSession.create("e002" + "d".repeat(22), now, 60, codec,
                AttributeLifecycle.NONE, local);
        other.put("x", new Object());
        other.committed(other.pendingChanges(SaveMode.ON_SET));
        assertEquals(Map.of(), local.of(ID), "unused here for longer than its timeout");
        assertEquals(1, local.sessionCount());
    }

    @Test
    void invalidateReturnsReadableValuesAndMarksInvalid() {
        TrackedSession session = stored(Map.of("a", serializer.serialize("1"), "bad", new byte[] {(byte) 0xAC, 9}));
        assertEquals(Map.of("a", "1"), session.invalidate());
        assertTrue(session.isInvalid());
    }
}
