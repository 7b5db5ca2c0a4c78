package io.redissession.redis;

import io.redissession.config.TouchShare;
import io.redissession.session.SessionChanges;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Building the keys and arguments of {@code commit.lua} for a write and for a creation. */
@State(Scope.Thread)
public class CommitArgumentsBenchmark {

    private static final String ID = "e001" + "b".repeat(22);

    private final CommitArguments arguments = new CommitArguments(new KeyLayout("redis-session", "shop"),
            "12345-abcdef", TouchShare.DEFAULT, 1024, 3_600_000);
    private final SessionChanges write = new SessionChanges(ID, null, false, 1000, 1000, null,
            Map.of("counter", new byte[] {3, 0, 0, 0, 8}), Set.of());
    private final SessionChanges create = new SessionChanges(ID, null, true, 1000, 1000, 1800,
            Map.of("user", "alice".getBytes(StandardCharsets.UTF_8), "counter", new byte[] {3, 0, 0, 0, 0},
                    "big", new byte[2048]), Set.of());

    /** @return the arguments of a one-attribute update */
    @Benchmark
    public byte[][] updateArguments() {
        return arguments.arguments(write);
    }

    /** @return the keys and arguments of a creation with a large value */
    @Benchmark
    public Object[] createKeysAndArguments() {
        return new Object[] {arguments.keys(create), arguments.arguments(create)};
    }
}
