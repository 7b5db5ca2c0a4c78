package io.redissession.bench;

import io.redissession.session.SessionIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Session ids: the check every request with a cookie makes, and the creation of new ids. */
@State(Scope.Thread)
public class SessionIdBenchmark {

    private final SessionIds ids = new SessionIds();
    private final String wellFormed = ids.create();
    private final String malformed = wellFormed.substring(0, 25) + "}";

    /** @return whether a well-formed id passes */
    @Benchmark
    public boolean checkWellFormed() {
        return SessionIds.isWellFormed(wellFormed);
    }

    /** @return whether a malformed id passes */
    @Benchmark
    public boolean checkMalformed() {
        return SessionIds.isWellFormed(malformed);
    }

    /** @return a new id (SecureRandom) */
    @Benchmark
    public String create() {
        return ids.create();
    }

    /** @return a new id in the same shard, as changeSessionId needs */
    @Benchmark
    public String renew() {
        return ids.renew(wellFormed);
    }
}
