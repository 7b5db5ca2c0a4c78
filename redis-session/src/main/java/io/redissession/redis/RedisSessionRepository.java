package io.redissession.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.redissession.RedisSessionException;
import io.redissession.SessionStoreUnavailableException;
import io.redissession.config.LoginSettings;
import io.redissession.config.RedisSessionSettings;
import io.redissession.config.TouchShare;
import io.redissession.session.CommitOutcome;
import io.redissession.session.EndReason;
import io.redissession.session.LoginAdmission;
import io.redissession.session.SessionLookup;
import io.redissession.session.SessionChanges;
import io.redissession.session.SessionRepository;
import io.redissession.session.StoredSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link SessionRepository} on Redis: one hash per session (see {@link KeyLayout}) and its entry in the sharded
 * expiry index. Loading-and-touching, committing and invalidating are each one server-side script, so each is one
 * round trip and atomic.
 */
public final class RedisSessionRepository implements SessionRepository {

    private static final Logger LOG = Logger.getLogger(RedisSessionRepository.class.getName());
    private static final LuaScript TOUCH = LuaScript.load("touch.lua");
    private static final LuaScript COMMIT = LuaScript.load("commit.lua");
    private static final LuaScript CREATE = LuaScript.load("create.lua");
    private static final LuaScript DESTROY = LuaScript.load("destroy.lua");
    private static final byte[] NONE = new byte[0];
    /** How often a commit is tried again when another request changed the session's user meanwhile. */
    private static final int USER_RACE_ATTEMPTS = 5;
    /** The reply of {@code commit.lua} when the stored user is not the one the caller knew. */
    private static final String USER_CHANGED = "USER_CHANGED";

    private final KeyLayout keys;
    private final ScriptRunner runner;
    private final long retentionMillis;
    private final byte[] retention;
    private final byte[] defaultTimeout;
    private final byte[] defaultExpiry;
    private final byte[] defaultSlack;
    private final CommitArguments arguments;
    private final byte[] touchShare;
    private final byte[] node;
    private final byte[] channel;
    private final int ackReplicas;
    private final Duration ackTimeout;
    private final UserIndex users;
    private final byte[] markerMillis;
    private final RedisConnector connector;
    private final Watchers watchers;
    /** The near cache's reads; {@code null} when it is off. */
    private final TrackedReads near;
    /** This node's recordings of accesses still under way, by session id. */
    private final Map<String, CompletableFuture<Void>> touching = new ConcurrentHashMap<>();
    private final Duration redisTimeout;
    /** How long a destroy leaves the destroyed copy: until a caller whose reply was lost has surely read it. */
    private final byte[] destroyedCopyMillis;

    /**
     * @param keys the key layout of the namespace; not {@code null}
     * @param connector the connection; not {@code null}
     * @param settings the command timeout, expiry retention and replica acknowledgements; not {@code null}
     * @param share how much of the timeout passes before an access is recorded again; not {@code null}
     * @param node the name of this node, for notices; not {@code null}
     * @param watchers whether an operator watches, for creation notices; not {@code null}
     */
    RedisSessionRepository(KeyLayout keys, RedisConnector connector, RedisSessionSettings settings, TouchShare share,
            String node, Watchers watchers) {
        this.keys = keys;
        this.connector = connector;
        this.watchers = watchers;
        this.near = connector.trackedReads();
        this.redisTimeout = settings.redisTimeout();
        this.runner = new ScriptRunner(connector, settings.redisTimeout());
        this.retentionMillis = settings.expiryRetention().toMillis();
        this.retention = bytes(Long.toString(retentionMillis));
        this.defaultTimeout = bytes(Integer.toString(settings.maxInactiveInterval()));
        this.arguments = new CommitArguments(keys, node, share, settings.largeAttributeSize(), retentionMillis);
        this.defaultExpiry = bytes(Long.toString(arguments.expiryMillis(settings.maxInactiveInterval())));
        this.defaultSlack = bytes(Long.toString(share.slackMillis(settings.maxInactiveInterval())));
        this.touchShare = bytes(Integer.toString(share.percent()));
        this.node = bytes(node);
        this.destroyedCopyMillis = bytes(Long.toString(destroyedCopyLife(settings).toMillis()));
        this.channel = bytes(keys.noticeChannel());
        this.ackReplicas = settings.writeAckReplicas();
        this.ackTimeout = settings.writeAckTimeout();
        this.users = new UserIndex(keys, connector, settings.redisTimeout(), loginGrace(settings),
                settings.writeAckReplicas(), settings.writeAckTimeout());
        int timeout = settings.maxInactiveInterval();
        this.markerMillis = bytes(Long.toString(Math.max(60_000L, timeout > 0 ? timeout * 1000L : retentionMillis)));
    }

    /**
     * @return how long an index entry of a login whose session does not show the user yet is kept: the two steps of
     *         a login, each of which may wait out a failover, with a margin
     */
    static Duration loginGrace(RedisSessionSettings settings) {
        Duration steps = settings.failoverWait().plus(settings.redisTimeout()).multipliedBy(2).plusSeconds(5);
        return steps.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : steps;
    }

    /**
     * @return how long a destroy keeps the destroyed copy: a lost reply shows within the command timeout, and the
     *         reading of the copy waits out a failover for at most {@code failoverWait}; with a margin
     */
    static Duration destroyedCopyLife(RedisSessionSettings settings) {
        return settings.failoverWait().plus(settings.redisTimeout()).plusSeconds(5);
    }

    /** @return the index of users' sessions */
    UserIndex users() {
        return users;
    }

    /**
     * Reads the session with a plain {@code HGETALL}, which writes nothing. The access is recorded only when the
     * stored one is older than the session's touch slack, by {@code touch.lua} sent without waiting: the stored
     * deadline (last access + timeout + slack) covers every access within the slack, so a session used within its
     * timeout never expires, and it ends at most its slack late. Expiry is judged by this node's clock here; the
     * server's clock decides for commits and for the expiry sweep. With the near cache on, a session this node read
     * before and that Redis has not reported changed since is not read again (see {@link TrackedReads}).
     */
    @Override
    public SessionLookup lookUp(String id) {
        return lookUp(id, null);
    }

    /**
     * Looks up as {@link #lookUp(String)} does; a copy in the near cache serves only if its stamp (the count of the
     * session's writes it shows, {@link KeyLayout#STAMP}) is at least {@code stamp}, the browser's last write.
     */
    @Override
    public SessionLookup lookUp(String id, String stamp) {
        awaitTouch(id);
        String key = keys.sessionKey(id);
        long least = stampValue(stamp == null ? null : stamp.getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> hash = near == null ? null : near.cached(key, least <= 0 ? null
                : cached -> stampValue(cached.get(KeyLayout.STAMP)) >= least);
        if (hash == null) {
            hash = onSessionKey(id, "is treated as absent", () -> load(key));
        }
        if (hash == null || hash.isEmpty() || hash.containsKey(KeyLayout.DESTROYING_BY)) {
            return SessionLookup.NONE;
        }
        byte[] endedBy = hash.get(KeyLayout.LOGGED_OUT);
        if (endedBy != null) {
            return loggedOut(id, key, endedBy);
        }
        Optional<StoredSession> found = StoredSessionReader.read(id, hash);
        if (found.isEmpty()) {
            return SessionLookup.NONE;
        }
        StoredSession session = found.get();
        long now = System.currentTimeMillis();
        if (now >= session.deadline()) {
            return SessionLookup.NONE;
        }
        if (now - session.lastAccessedTime() >= session.touchSlackMillis()) {
            touch(id);
        }
        return new SessionLookup(session, null);
    }

    /** @return a stamp's count of writes, or 0 if there is none or it is not a positive decimal number */
    static long stampValue(byte[] stamp) {
        if (stamp == null || stamp.length == 0 || stamp.length > 18) {
            return 0;
        }
        long value = 0;
        for (byte digit : stamp) {
            if (digit < '0' || digit > '9') {
                return 0;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    private Map<String, byte[]> load(String key) {
        Map<String, byte[]> hash = near == null ? null : near.read(key, RedisSessionRepository::cacheable);
        return hash != null ? hash : runner.run("load session", FailoverWait.Policy.ALWAYS,
                commands -> commands.hgetall(key));
    }

    /** @return whether a session hash is a live session's, worth caching: not absent, ending or logged out */
    private static boolean cacheable(Map<String, byte[]> hash) {
        return !hash.isEmpty() && !hash.containsKey(KeyLayout.DESTROYING_BY) && !hash.containsKey(KeyLayout.LOGGED_OUT);
    }

    /** Forgets the near cache's copy of a session this node changes. */
    private void changed(String id) {
        if (near != null && id != null) {
            near.changed(keys.sessionKey(id));
        }
    }

    /**
     * With the near cache on, waits until the invalidations a write of this session caused have left Redis, before
     * the request that wrote goes on: Redis may send the writer its reply before it sends other nodes their
     * invalidations, and the writer's response could bring the browser to another node still holding the old copy.
     * One {@code PING} to the server of the session's key, whose reply Redis sends only after those messages. After
     * a commit, the read that refreshes the node's copy ({@link TrackedReads#refresh}) does the same; this is for
     * invalidations and for when that read cannot be made.
     */
    private void fence(String id) {
        if (near == null) {
            return;
        }
        try {
            runner.run("near cache fence", commands -> {
                connector.pingServerOf(keys.sessionKey(id));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The near cache's fence after a write of [" + id + "] failed", e);
        }
    }

    /**
     * Reports a login policy's or a forced logout's marker to the one lookup that deletes it; a lookup that finds it
     * deleted meanwhile by another request's sees no session.
     */
    private SessionLookup loggedOut(String id, String key, byte[] endedBy) {
        Long deleted;
        try {
            deleted = runner.run("load session", FailoverWait.Policy.IF_NOT_RUN, commands -> commands.del(key));
        } finally {
            changed(id);
        }
        return deleted != null && deleted > 0 ? new SessionLookup(null, new String(endedBy, StandardCharsets.UTF_8))
                : SessionLookup.NONE;
    }

    @Override
    public void touch(String id) {
        changed(id);
        CompletableFuture<Void> done = runner.evalUnawaited("touch session", TOUCH, new String[] {keys.sessionKey(id),
                keys.largeValuesKey(id)}, retention, touchShare, defaultTimeout, defaultExpiry, defaultSlack);
        if (!done.isDone()) {
            touching.put(id, done);
            done.whenComplete((ignored, e) -> touching.remove(id, done));
        }
    }

    /**
     * Waits (at most the command timeout) for this node's recording of an access to the session that has not
     * finished yet: one that met a server that lost its scripts is sent again after that reply, and would otherwise
     * arrive behind the next request's read.
     */
    private void awaitTouch(String id) {
        CompletableFuture<Void> pending = touching.get(id);
        if (pending == null) {
            return;
        }
        try {
            pending.get(redisTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the read goes on; the access is recorded late or not at all, as a lost touch would be
        }
    }

    /**
     * One {@code HMGET} of the session's large-values hash; a value missing there (another request removed it or
     * made it small since this one's load) is looked for in the session hash, in one more {@code HMGET}.
     */
    @Override
    public Map<String, byte[]> largeValues(String id, Collection<String> names) {
        Map<String, byte[]> found = new HashMap<>();
        List<String> missing = hmget(id, keys.largeValuesKey(id), names, found);
        if (!missing.isEmpty()) {
            hmget(id, keys.sessionKey(id), missing, found);
        }
        return found;
    }

    /** @return the names not found */
    private List<String> hmget(String id, String key, Collection<String> names, Map<String, byte[]> found) {
        if (names.isEmpty()) {
            return List.of();
        }
        String[] fields = names.stream().map(KeyLayout::attributeField).toArray(String[]::new);
        List<KeyValue<String, byte[]>> values = onSessionKey(id, "has no readable large values",
                () -> runner.run("load large attributes", FailoverWait.Policy.ALWAYS, commands -> commands.hmget(key,
                        fields)));
        List<String> missing = new ArrayList<>();
        for (KeyValue<String, byte[]> value : values == null ? List.<KeyValue<String, byte[]>>of() : values) {
            String name = KeyLayout.attributeName(value.getKey());
            if (value.hasValue()) {
                found.put(name, value.getValue());
            } else {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * Commits, keeping the index of users' sessions exact around it: the entry of the user the session has
     * afterwards is written before (a login's by {@link #admit}, a changed id's here), the entries it no longer
     * has are removed after. When another request changed the user meanwhile, the script writes nothing and the
     * commit is made again knowing the stored user.
     */
    @Override
    public CommitOutcome commit(SessionChanges changes) {
        return commit(changes, null);
    }

    /**
     * Commits as {@link #commit(SessionChanges)} does. With the near cache, a commit on the cache's connection counts
     * the write in the session ({@link KeyLayout#STAMP}); given {@code stamped}, the count goes there for the browser,
     * whose next request on any node then reads the session from Redis unless that node's copy shows as many
     * writes, and the write does not wait for other nodes to hear of it (no fence).
     */
    @Override
    public CommitOutcome commit(SessionChanges changes, Consumer<String> stamped) {
        SessionChanges current = changes;
        for (int attempt = 1; ; attempt++) {
            String after = current.userAfter();
            boolean renamed = current.previousId() != null;
            if (renamed && after != null) {
                users.carryOver(after, current.previousId(), current.id());
            }
            String reply = commitOnce(current, stamped);
            boolean userChangedMeanwhile = reply.equals(USER_CHANGED);
            CommitOutcome outcome = userChangedMeanwhile ? null : CommitOutcome.valueOf(reply);
            if (outcome == CommitOutcome.SAVED) {
                String before = current.user();
                String previousId = renamed ? current.previousId() : current.id();
                if (before != null && (!before.equals(after) || renamed)) {
                    users.remove(before, previousId);
                }
                if (current.create() && watchers.active()) {
                    publishCreated(current.id());
                }
                return outcome;
            }
            // nothing was written: the entry written before the commit for the new id is stale
            if (renamed && after != null && !current.userChanged()) {
                users.remove(after, current.id());
            }
            if (!userChangedMeanwhile) {
                if (current.userChanged() && current.newUser() != null) {
                    users.remove(current.newUser(), current.id());
                }
                return outcome;
            }
            if (attempt == USER_RACE_ATTEMPTS) {
                throw new RedisSessionException("Session [" + current.id() + "] had its user changed by other"
                        + " requests " + attempt + " times during this commit; nothing was written", null);
            }
            String storedId = renamed ? current.previousId() : current.id();
            byte[] stored = runner.run("save session", FailoverWait.Policy.ALWAYS, commands -> commands.hget(keys.sessionKey(storedId),
                    KeyLayout.USER));
            current = current.knowingUser(stored == null ? null : new String(stored, StandardCharsets.UTF_8));
        }
    }

    /** Tells watching operators of a creation, without waiting for the reply: a notice may be lost anyway. */
    private void publishCreated(String id) {
        try {
            connector.asyncCommands().publish(keys.noticeChannel(), bytes("created " + id + " "
                    + new String(node, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Creation notice of [" + id + "] not sent: " + e.getMessage());
        }
    }

    /** @return the script's reply: a {@link CommitOutcome} name, or {@link #USER_CHANGED} */
    private String commitOnce(SessionChanges changes, Consumer<String> stamped) {
        CommitPath path = new CommitPath();
        try {
            return commitScript(changes, path);
        } finally {
            changed(changes.previousId());
            if (path.saved != null) {
                // the reply refreshed this node's copy; other nodes' invalidations may still be on their way: the
                // browser's stamp, or else a fence, keeps them from serving their old copy to it
                byte[] stamp = path.saved.get(KeyLayout.STAMP);
                if (stamped != null && stampValue(stamp) > 0) {
                    stamped.accept(new String(stamp, StandardCharsets.UTF_8));
                } else {
                    fence(changes.id());
                }
            } else {
                changed(changes.id());
                if (near == null || !near.refresh(keys.sessionKey(changes.id()),
                        RedisSessionRepository::cacheable)) {
                    fence(changes.id());
                }
            }
        }
    }

    /** How a commit went out: the session as saved when its reply refreshed the near cache's copy, else null. */
    private static final class CommitPath {
        private Map<String, byte[]> saved;
    }

    /**
     * Sends {@code create.lua} for a new session, else {@code commit.lua}: with the near cache (and no
     * {@code writeAckReplicas}, whose {@code WAIT} must follow on the shared connection), on the cache's connection
     * in its {@code +read} form, whose reply refreshes this node's copy in the same round trip
     * ({@link TrackedReads#commit}); else, or when that connection is not there, on the shared connection.
     */
    private byte[] sendCommit(LuaScript script, FailoverWait.Policy policy, String key, String[] keyArgs,
            byte[][] args, CommitPath path) {
        if (near == null || ackReplicas > 0) {
            return write("save session", policy, script, ScriptOutputType.VALUE, keyArgs, args);
        }
        byte[][] readArgs = args.clone();
        readArgs[0] = bytes(new String(args[0], StandardCharsets.UTF_8) + "+read");
        return runner.call("save session", policy, () -> {
            path.saved = null;
            TrackedReads.Committed committed = near.commit(key, script, keyArgs, readArgs,
                    RedisSessionRepository::cacheable);
            if (committed == null) {
                return runner.evalOnShared(script, ScriptOutputType.VALUE, keyArgs, args);
            }
            path.saved = committed.session();
            return bytes(committed.outcome());
        });
    }

    private String commitScript(SessionChanges changes, CommitPath path) {
        String[] keyArgs = arguments.keys(changes);
        byte[][] args = arguments.arguments(changes);
        // Writing the same changes twice leaves what writing them once does; a creation sent twice finds its own
        // session the second time. A changed id cannot be renamed twice: that commit is repeated only if it did not run.
        FailoverWait.Policy policy = changes.previousId() == null ? FailoverWait.Policy.ALWAYS
                : FailoverWait.Policy.IF_NOT_RUN;
        String key = keys.sessionKey(changes.id());
        LuaScript script = changes.create() ? CREATE : COMMIT;
        byte[] reply;
        try {
            reply = sendCommit(script, policy, key, keyArgs, args, path);
        } catch (SessionStoreUnavailableException e) {
            if (changes.previousId() == null) {
                throw e;
            }
            // a rename whose reply was lost (a master killed under it): the keys tell whether it ran
            Boolean renamed = renameApplied(changes);
            if (renamed == null) {
                throw e;
            }
            if (renamed) {
                // with writeAckReplicas the rename counts only once replicas have it, as any write
                if (ackReplicas > 0 && !replicasHave(keys.sessionKey(changes.id()))) {
                    throw e;
                }
                return CommitOutcome.SAVED.name();
            }
            reply = sendCommit(script, policy, key, keyArgs, args, path);
        }
        String outcome = new String(reply, StandardCharsets.UTF_8);
        if (outcome.equals(CommitOutcome.ID_TAKEN.name()) && changes.create() && isOwnCreation(changes)) {
            return CommitOutcome.SAVED.name();
        }
        return outcome;
    }

    @Override
    public Optional<Map<String, byte[]>> invalidate(String id) {
        return end(id, EndReason.INVALIDATED).map(StoredSession::attributes);
    }

    @Override
    public Optional<StoredSession> end(String id, EndReason reason) {
        return destroy(id, bytes(reason.label()), reason == EndReason.INVALIDATED ? NONE : markerMillis);
    }

    /** Runs {@code destroy.lua}; then removes the session from its user's index. */
    private Optional<StoredSession> destroy(String id, byte[] reason, byte[] markerMillis) {
        List<Object> fields;
        try {
            fields = onSessionKey(id, "is left for inspection", () -> destroyScript(id, reason, markerMillis));
        } finally {
            changed(id);
            fence(id);
        }
        if (StoredSessionReader.isNil(fields)) {
            return Optional.empty();
        }
        Map<String, String> metadata = new HashMap<>();
        Map<String, byte[]> attributes = StoredSessionReader.attributes(fields, 0, metadata);
        String user = metadata.get(KeyLayout.USER);
        if (user != null) {
            users.remove(user, id);
        }
        return Optional.of(new StoredSession(id, number(metadata.get(KeyLayout.CREATED)),
                number(metadata.get(KeyLayout.LAST_ACCESSED)), (int) number(metadata.get(KeyLayout.MAX_INACTIVE)),
                attributes, user));
    }

    /**
     * Runs {@code destroy.lua} once, or twice when the reply of the first run was lost (a master killed under it) and
     * no destroyed copy of this call shows that it ran: a second run of one that ran would find the session gone and
     * lose its fields for the destroy event.
     *
     * @return the script's reply, or the same fields read from the destroyed copy when only the reply was lost
     */
    private List<Object> destroyScript(String id, byte[] reason, byte[] markerMillis) {
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String[] keyArgs = keys.destroyKeys(id, token);
        Supplier<List<Object>> run = () -> write("invalidate session", FailoverWait.Policy.IF_NOT_RUN, DESTROY,
                ScriptOutputType.MULTI, keyArgs, bytes(id), channel, node, reason, markerMillis, NONE,
                destroyedCopyMillis);
        try {
            return run.get();
        } catch (SessionStoreUnavailableException e) {
            List<Object> copy = destroyedCopy(id, token);
            if (copy == null) {
                return run.get();
            }
            // with writeAckReplicas the destroy counts only once replicas have it, as any write
            if (ackReplicas > 0 && !replicasHave(keys.destroyedKey(id, token))) {
                throw e;
            }
            return copy;
        }
    }

    /**
     * Reads, once Redis answers again, the copy a destroy leaves of the session under a key named after its token:
     * the script is atomic, so the copy exists if and only if this call destroyed the session.
     *
     * @return the session's fields as {@code destroy.lua} returns them, or {@code null} if this call did not destroy
     *         it (then the session is as the script would find it: gone, ending, or still there to destroy)
     */
    private List<Object> destroyedCopy(String id, String token) {
        Map<String, byte[]> copy = runner.run("invalidate session", FailoverWait.Policy.ALWAYS,
                commands -> commands.hgetall(keys.destroyedKey(id, token)));
        if (copy.isEmpty()) {
            return null;
        }
        Map<String, byte[]> large = runner.run("invalidate session", FailoverWait.Policy.ALWAYS,
                commands -> commands.hgetall(keys.destroyedLargeKey(id, token)));
        List<Object> fields = new ArrayList<>();
        for (Map<String, byte[]> hash : List.of(copy, large)) {
            hash.forEach((field, value) -> {
                fields.add(bytes(field));
                fields.add(value);
            });
        }
        return fields;
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public LoginAdmission admit(String user, String id, LoginSettings login) {
        return users.admit(user, id, login);
    }

    @Override
    public List<String> sessionsOf(String user) {
        return users.sessionsOf(user);
    }

    @Override
    public int repairUserIndexes() {
        return users.repairAll();
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

    /** @return whether {@code writeAckReplicas} replicas acknowledge this connection's writes to the key's server */
    private boolean replicasHave(String key) {
        try {
            return connector.waitForReplicas(key, ackReplicas, ackTimeout) >= ackReplicas;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Looks, once Redis answers again, whether a rename whose reply was lost took place: the script is atomic, so
     * either the session is under the new id (with this session's creation time) and gone from the old one, or still
     * under the old id only.
     *
     * @return {@code true} if it ran, {@code false} if it surely did not, {@code null} if the keys do not tell
     */
    private Boolean renameApplied(SessionChanges changes) {
        String newKey = keys.sessionKey(changes.id());
        String oldKey = keys.sessionKey(changes.previousId());
        byte[] created = runner.run("save session", FailoverWait.Policy.ALWAYS, commands -> commands.hget(newKey,
                KeyLayout.CREATED));
        Long oldExists = runner.run("save session", FailoverWait.Policy.ALWAYS, commands -> commands.exists(oldKey));
        boolean atNew = created != null && Long.toString(changes.creationTime()).equals(new String(created,
                StandardCharsets.UTF_8));
        boolean atOld = oldExists != null && oldExists > 0;
        if (atNew && !atOld) {
            return true;
        }
        return created == null && atOld ? false : null;
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

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
