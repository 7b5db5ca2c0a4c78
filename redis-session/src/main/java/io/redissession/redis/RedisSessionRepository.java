package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.redissession.RedisSessionException;
import io.redissession.config.RedisSessionSettings;
import io.redissession.session.CommitOutcome;
import io.redissession.session.SessionChanges;
import io.redissession.session.SessionRepository;
import io.redissession.session.StoredSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@link SessionRepository} on Redis: one hash per session (see {@link KeyLayout}) and its entry in the sharded
 * expiry index. Loading-and-touching, committing and invalidating are each one server-side script, so each is one
 * round trip and atomic.
 */
public final class RedisSessionRepository implements SessionRepository {

    private static final Logger LOG = Logger.getLogger(RedisSessionRepository.class.getName());
    private static final LuaScript LOAD_AND_TOUCH = LuaScript.load("load-and-touch.lua");
    private static final LuaScript TOUCH = LuaScript.load("touch.lua");
    private static final LuaScript COMMIT = LuaScript.load("commit.lua");
    private static final LuaScript DESTROY = LuaScript.load("destroy.lua");
    private static final byte[] CREATE = bytes("create");
    private static final byte[] UPDATE = bytes("update");
    private static final byte[] INVALIDATED = bytes("invalidated");
    private static final byte[] NONE = new byte[0];

    private final KeyLayout keys;
    private final ScriptRunner runner;
    private final long retentionMillis;
    private final byte[] retention;
    private final byte[] defaultTimeout;
    private final byte[] defaultExpiry;
    private final byte[] node;
    private final byte[] channel;
    private final int ackReplicas;
    private final Duration ackTimeout;

    /**
     * @param keys the key layout of the namespace; not {@code null}
     * @param connector the connection; not {@code null}
     * @param settings the command timeout, expiry retention and replica acknowledgements; not {@code null}
     * @param node the name of this node, for notices; not {@code null}
     */
    public RedisSessionRepository(KeyLayout keys, RedisConnector connector, RedisSessionSettings settings,
            String node) {
        this.keys = keys;
        this.runner = new ScriptRunner(connector, settings.redisTimeout());
        this.retentionMillis = settings.expiryRetention().toMillis();
        this.retention = bytes(Long.toString(retentionMillis));
        this.defaultTimeout = bytes(Integer.toString(settings.maxInactiveInterval()));
        this.defaultExpiry = bytes(Long.toString(expiryMillis(settings.maxInactiveInterval())));
        this.node = bytes(node);
        this.channel = bytes(keys.noticeChannel());
        this.ackReplicas = settings.writeAckReplicas();
        this.ackTimeout = settings.writeAckTimeout();
    }

    @Override
    public Optional<StoredSession> loadAndTouch(String id) {
        // loading twice only records the same access twice
        List<Object> reply = onSessionKey(id, "is treated as absent", () -> runner.eval("load session",
                FailoverWait.Policy.ALWAYS, LOAD_AND_TOUCH, ScriptOutputType.MULTI, new String[] {keys.sessionKey(id)}, retention, defaultTimeout,
                defaultExpiry));
        if (StoredSessionReader.isNil(reply)) {
            return Optional.empty();
        }
        return StoredSessionReader.read(id, reply, 0);
    }

    @Override
    public void touch(String id) {
        runner.evalUnawaited("touch session", TOUCH, new String[] {keys.sessionKey(id)}, retention, defaultTimeout,
                defaultExpiry);
    }

    @Override
    public CommitOutcome commit(SessionChanges changes) {
        String[] keyArgs = changes.previousId() == null ? keys.sessionAndIndexKeys(changes.id())
                : new String[] {keys.sessionKey(changes.id()), keys.expiryIndexKey(changes.id()),
                    keys.sessionKey(changes.previousId())};
        List<byte[]> args = new ArrayList<>(9 + 2 * changes.writes().size() + changes.removals().size());
        args.add(changes.create() ? CREATE : UPDATE);
        args.add(bytes(Long.toString(changes.creationTime())));
        Integer timeout = changes.maxInactiveInterval();
        args.add(timeout == null ? NONE : bytes(Integer.toString(timeout)));
        args.add(timeout == null || timeout <= 0 ? NONE : bytes(Long.toString(expiryMillis(timeout))));
        args.add(bytes(changes.id()));
        args.add(changes.previousId() == null ? NONE : bytes(changes.previousId()));
        args.add(channel);
        args.add(node);
        args.add(bytes(Integer.toString(changes.writes().size())));
        changes.writes().forEach((name, value) -> {
            args.add(bytes(KeyLayout.attributeField(name)));
            args.add(value);
        });
        changes.removals().forEach(name -> args.add(bytes(KeyLayout.attributeField(name))));
        // Writing the same changes twice leaves what writing them once does; a creation sent twice finds its own
        // session the second time. A changed id cannot be renamed twice: that commit is repeated only if it did not run.
        FailoverWait.Policy policy = changes.previousId() == null ? FailoverWait.Policy.ALWAYS
                : FailoverWait.Policy.IF_NOT_RUN;
        byte[] reply = write("save session", policy, COMMIT, ScriptOutputType.VALUE, keyArgs,
                args.toArray(new byte[0][]));
        CommitOutcome outcome = CommitOutcome.valueOf(new String(reply, StandardCharsets.UTF_8));
        if (outcome == CommitOutcome.ID_TAKEN && changes.create() && isOwnCreation(changes)) {
            return CommitOutcome.SAVED;
        }
        return outcome;
    }

    @Override
    public Optional<Map<String, byte[]>> invalidate(String id) {
        String[] keyArgs = keys.sessionAndIndexKeys(id);
        // a second run would find the session gone and lose its attributes for the destroy event
        List<Object> fields = onSessionKey(id, "is left for inspection", () -> write("invalidate session",
                FailoverWait.Policy.IF_NOT_RUN, DESTROY, ScriptOutputType.MULTI, keyArgs, bytes(id), channel, node,
                INVALIDATED));
        if (StoredSessionReader.isNil(fields)) {
            return Optional.empty();
        }
        return Optional.of(StoredSessionReader.attributes(fields, 0, null));
    }

    /**
     * Runs a script that changes a session; with {@code writeAckReplicas > 0}, also {@code WAIT}s for replicas on
     * the connection that ran it, and fails if fewer acknowledged the write in time: the change is then on the
     * master only.
     */
    private <T> T write(String operation, FailoverWait.Policy policy, LuaScript script, ScriptOutputType type,
            String[] keyArgs, byte[]... args) {
        if (ackReplicas == 0) {
            return runner.eval(operation, policy, script, type, keyArgs, args);
        }
        return runner.evalAndWait(operation, policy, script, type, keyArgs, ackReplicas, ackTimeout, args);
    }

    /**
     * @return whether the session a creation found in place is the one it created itself, in an attempt whose reply
     *         a failover lost: same id (random) and same creation time
     */
    private boolean isOwnCreation(SessionChanges changes) {
        byte[] created = runner.run("save session", commands -> commands.hget(keys.sessionKey(changes.id()),
                KeyLayout.CREATED));
        return created != null && Long.toString(changes.creationTime()).equals(new String(created,
                StandardCharsets.UTF_8));
    }

    /**
     * Runs a script on a session's key; a key of another Redis type (written by something else) is logged and
     * answered as {@code null} (nil) instead of failing every request of that session.
     */
    private static <T> T onSessionKey(String id, String outcome, Supplier<T> script) {
        try {
            return script.get();
        } catch (RedisSessionException e) {
            if (!(e.getCause() instanceof RedisCommandExecutionException cause)
                    || !String.valueOf(cause.getMessage()).contains("WRONGTYPE")) {
                throw e;
            }
            LOG.warning("Session [" + id + "] is stored as another Redis type and " + outcome);
            return null;
        }
    }

    /** @return the key expiry of a session with this positive timeout: the timeout plus the retention, in ms */
    private long expiryMillis(int timeoutSeconds) {
        return timeoutSeconds * 1000L + retentionMillis;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
