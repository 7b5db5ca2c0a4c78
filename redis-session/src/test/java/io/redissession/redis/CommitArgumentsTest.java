package io.redissession.redis;

import io.redissession.config.TouchShare;
import io.redissession.session.SessionChanges;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommitArgumentsTest {

    private static final String ID = "e001" + "b".repeat(22);
    private static final String NEW_ID = "e001" + "c".repeat(22);
    private final CommitArguments arguments = new CommitArguments(new KeyLayout("rs", "shop"), "node-1",
            new TouchShare(5), 100, 3_600_000);

    private static List<String> text(byte[][] args) {
        List<String> texts = new ArrayList<>();
        for (byte[] arg : args) {
            texts.add(new String(arg, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void aLargeBindingListenerIsMarkedSoThatReplacingItReadsIt() {
        Map<String, byte[]> writes = Map.of("cart", "x".repeat(101).getBytes(StandardCharsets.UTF_8));
        SessionChanges changes = new SessionChanges(ID, null, false, 1000, 1000, null, writes, Set.of(), null, null,
                false, Set.of("cart"));
        List<String> args = text(arguments.arguments(changes));
        assertEquals(List.of("1", "attr:cart", "large:cart", ";binding", "x".repeat(101)),
                args.subList(args.size() - 5, args.size()));
    }

    @Test
    void aCreationCarriesTheTimeoutItsExpiryAndSlackThenSmallValuesThenLargeOnes() {
        Map<String, byte[]> writes = new LinkedHashMap<>();
        writes.put("user", "alice".getBytes(StandardCharsets.UTF_8));
        writes.put("cart", "x".repeat(101).getBytes(StandardCharsets.UTF_8));
        SessionChanges changes = new SessionChanges(ID, null, true, 1000, 1000, 1800, writes, Set.of());
        List<String> args = text(arguments.arguments(changes));
        assertEquals(List.of("create", "1000", "1800", Long.toString(1_800_000 + 90_000 + 3_600_000), ID, "",
                "rs:shop:notices", "node-1", "", "", "", "90000", "1", "attr:user", "alice", "1", "attr:cart",
                "large:cart", "", "x".repeat(101)), args);
        assertEquals(List.of("rs:shop:session:{e001}" + "b".repeat(22), "rs:shop:expiries:{e001}",
                "rs:shop:large:{e001}" + "b".repeat(22)), Arrays.asList(arguments.keys(changes)));
    }

    @Test
    void anUpdateWithAChangedIdNamesBothIdsHashesAndListsRemovalsByName() {
        SessionChanges changes = new SessionChanges(NEW_ID, ID, false, 1000, 1000, null, Map.of(), Set.of("gone"));
        List<String> args = text(arguments.arguments(changes));
        assertEquals(List.of("update", "1000", "", "", NEW_ID, ID, "rs:shop:notices", "node-1", "", "", "", "",
                "0", "0", "gone"), args);
        assertEquals(5, arguments.keys(changes).length);
        assertEquals("rs:shop:large:{e001}" + "b".repeat(22), arguments.keys(changes)[4]);
    }

    @Test
    void aNeverExpiringTimeoutHasNoExpiryAndNoSlack() {
        SessionChanges changes = new SessionChanges(ID, null, false, 1000, 1000, 0, Map.of(), Set.of());
        List<String> args = text(arguments.arguments(changes));
        assertEquals("0", args.get(2));
        assertEquals("", args.get(3));
        assertEquals("0", args.get(11));
    }
}
