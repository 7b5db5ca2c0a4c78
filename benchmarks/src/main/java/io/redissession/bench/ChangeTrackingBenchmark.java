package io.redissession.bench;

import io.redissession.serializer.JdkSerializer;
import io.redissession.session.AttributeCodec;
import io.redissession.session.AttributeLifecycle;
import io.redissession.session.NodeLocalValues;
import io.redissession.session.SaveMode;
import io.redissession.session.SessionChanges;
import io.redissession.session.StoredSession;
import io.redissession.session.TrackedSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.HashMap;
import java.util.Map;

/**
 * What a request does to its session between the load and the commit: wrap the stored hash, read two attributes,
 * set one, and work out what the commit writes.
 */
@State(Scope.Thread)
public class ChangeTrackingBenchmark {

    private static final String ID = "e001" + "b".repeat(22);

    private final JdkSerializer serializer = new JdkSerializer();
    private final AttributeCodec codec = new AttributeCodec(serializer, getClass().getClassLoader());
    private final NodeLocalValues local = new NodeLocalValues(false, System::currentTimeMillis);
    private StoredSession stored;

    /** A session of ten small attributes. */
    @Setup
    public void setUp() {
        Map<String, byte[]> attributes = new HashMap<>();
        attributes.put("user", codec.encode(ID, "user", "alice"));
        attributes.put("counter", codec.encode(ID, "counter", 7));
        for (int i = 0; i < 8; i++) {
            attributes.put("setting" + i, codec.encode(ID, "setting" + i, "value-" + i));
        }
        stored = new StoredSession(ID, 1000, 2000, 1800, attributes);
    }

    /** @return the changes of a request that only reads */
    @Benchmark
    public SessionChanges read() {
        TrackedSession session = TrackedSession.load(stored, codec, AttributeLifecycle.NONE, local);
        session.get("user");
        session.get("counter");
        return session.pendingChanges(SaveMode.ON_SET);
    }

    /** @return the changes of a request that increments the counter */
    @Benchmark
    public SessionChanges write() {
        TrackedSession session = TrackedSession.load(stored, codec, AttributeLifecycle.NONE, local);
        session.get("user");
        session.put("counter", (Integer) session.get("counter") + 1);
        return session.pendingChanges(SaveMode.ON_SET);
    }
}
