package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.redissession.RedisSessionException;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.config.RedisSessionSettings;
import io.redissession.session.CommitOutcome;
import io.redissession.session.SessionChanges;
import io.redissession.session.SessionRepository;
import io.redissession.session.StoredSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@link SessionRepository} on Redis: one hash per session (see {@link KeyLayout}); loading-and-touching and
 * committing are each one server-side script, so each is one round trip and atomic; deleting is one {@code DEL}.
 */
public final class RedisSessionRepository implements SessionRepository {

    private static final Logger LOG = Logger.getLogger(RedisSessionRepository.class.getName());
    private static final LuaScript LOAD_AND_TOUCH = LuaScript.load("load-and-touch.lua");
    private static final LuaScript COMMIT = LuaScript.load("commit.lua");
    private static final byte[] CREATE = bytes("create");
    private static final byte[] UPDATE = bytes("update");
    private static final byte[] UNCHANGED = new byte[0];

    private final KeyLayout keys;
    private final RedisConnector connector;
    private final ScriptRunner runner;
    private final int ackReplicas;
    private final Duration ackTimeout;

    /**
     * @param keys the key layout of the namespace; not {@code null}
     * @param connector the connection; not {@code null}
     * @param settings the command timeout and the replica acknowledgements to wait for; not {@code null}
     */
    public RedisSessionRepository(KeyLayout keys, RedisConnector connector, RedisSessionSettings settings) {
        this.keys = keys;
        this.connector = connector;
        this.runner = new ScriptRunner(connector, settings.redisTimeout());
        this.ackReplicas = settings.writeAckReplicas();
        this.ackTimeout = settings.writeAckTimeout();
    }

    @Override
    public Optional<StoredSession> loadAndTouch(String id, long now) {
        List<Object> reply;
        try {
            reply = runner.eval("load session", LOAD_AND_TOUCH, ScriptOutputType.MULTI,
                    new String[] {keys.sessionKey(id)}, bytes(Long.toString(now)));
        } catch (RedisSessionException e) {
            if (!(e.getCause() instanceof RedisCommandExecutionException cause)
                    || !String.valueOf(cause.getMessage()).contains("WRONGTYPE")) {
                throw e;
            }
            LOG.warning("Session [" + id + "] is stored as another Redis type and is treated as absent");
            return Optional.empty();
        }
        if (reply == null || reply.size() < 2 || reply.get(0) == null) {
            return Optional.empty();
        }
        Map<String, byte[]> attributes = new HashMap<>();
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            byte[] field = (byte[]) reply.get(i);
            byte[] value = (byte[]) reply.get(i + 1);
            String attribute = KeyLayout.attributeName(field);
            if (attribute != null) {
                attributes.put(attribute, value);
            } else {
                metadata.put(new String(field, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(new StoredSession(id, number(metadata, KeyLayout.CREATED),
                    number(metadata, KeyLayout.LAST_ACCESSED),
                    Math.toIntExact(number(metadata, KeyLayout.MAX_INACTIVE)), attributes));
        } catch (IllegalStateException | ArithmeticException e) {
            LOG.warning("Session [" + id + "] has unreadable metadata and is treated as absent: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public CommitOutcome commit(SessionChanges changes) {
        String[] keyArgs = changes.previousId() == null
                ? new String[] {keys.sessionKey(changes.id())}
                : new String[] {keys.sessionKey(changes.id()), keys.sessionKey(changes.previousId())};
        List<byte[]> args = new ArrayList<>(4 + 2 * changes.writes().size() + changes.removals().size());
        args.add(changes.create() ? CREATE : UPDATE);
        args.add(bytes(Long.toString(changes.creationTime())));
        args.add(changes.maxInactiveInterval() == null ? UNCHANGED
                : bytes(Integer.toString(changes.maxInactiveInterval())));
        args.add(bytes(Integer.toString(changes.writes().size())));
        changes.writes().forEach((name, value) -> {
            args.add(bytes(KeyLayout.attributeField(name)));
            args.add(value);
        });
        changes.removals().forEach(name -> args.add(bytes(KeyLayout.attributeField(name))));
        byte[] reply = runner.eval("save session", COMMIT, ScriptOutputType.VALUE, keyArgs,
                args.toArray(new byte[0][]));
        CommitOutcome outcome = CommitOutcome.valueOf(new String(reply, StandardCharsets.UTF_8));
        if (outcome == CommitOutcome.SAVED) {
            awaitReplicas("save session", keyArgs[0]);
        }
        return outcome;
    }

    @Override
    public boolean delete(String id) {
        String key = keys.sessionKey(id);
        Long deleted = runner.run("delete session", commands -> commands.del(key));
        awaitReplicas("delete session", key);
        return deleted != null && deleted > 0;
    }

    /**
     * With {@code writeAckReplicas > 0}, waits until that many replicas have the write ({@code WAIT}) and fails the
     * operation if they do not acknowledge it in time: the change is then on the master only.
     */
    private void awaitReplicas(String operation, String key) {
        if (ackReplicas == 0) {
            return;
        }
        long acknowledged = runner.translate(operation, () -> connector.waitForReplicas(key, ackReplicas, ackTimeout));
        if (acknowledged < ackReplicas) {
            throw new SessionStoreUnavailableException(operation, "acknowledged by " + acknowledged + " of "
                    + ackReplicas + " replicas within " + ackTimeout.toMillis() + " ms (settings writeAckReplicas,"
                    + " writeAckTimeout); the change is on the master only and may be lost if it fails", null);
        }
    }

    private static long number(Map<String, String> metadata, String field) {
        String value = metadata.get(field);
        if (value == null) {
            throw new IllegalStateException("field [" + field + "] is missing");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("field [" + field + "] is not a number");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
