package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.redissession.RedisSessionException;
import io.redissession.SessionStoreUnavailableException;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs commands and scripts on the shared connection and translates client failures: {@code EVALSHA} with a
 * fallback to {@code EVAL} when the server lost its script cache; failures a failover explains waited out as the
 * caller's {@link FailoverWait.Policy} allows; then timeouts and disconnections into
 * {@link SessionStoreUnavailableException}, command errors into {@link RedisSessionException}.
 */
final class ScriptRunner {

    private static final Logger LOG = Logger.getLogger(ScriptRunner.class.getName());

    private final RedisConnector connector;
    private final Duration timeout;
    /** The scripts {@link #evalUnawaited} saw run: the server has them in its cache. */
    private final Set<String> cachedScripts = ConcurrentHashMap.newKeySet();

    /**
     * @param connector the connections; not {@code null}
     * @param timeout the command timeout, for messages
     */
    ScriptRunner(RedisConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
    }

    /**
     * Runs a script and then waits for replicas ({@code WAIT}) on the connection that ran it. Fewer acknowledgements
     * than {@code replicas}, or a failure of {@code WAIT}, leave the script's effect unconfirmed: the pair is sent
     * again only under {@link FailoverWait.Policy#ALWAYS}, else (or once the wait is over) the call fails.
     */
    <T> T evalAndWait(String operation, FailoverWait.Policy policy, LuaScript script, ScriptOutputType type,
            String[] keys, int replicas, Duration waitTimeout, byte[]... args) {
        return translate(operation, () -> connector.failoverWait().call(policy, () -> acknowledged(keys[0],
                replicas, waitTimeout, () -> evalOnShared(script, type, keys, args))));
    }

    /** Runs commands on the key's connection, then waits for replicas, like {@link #evalAndWait}. */
    <T> T runAndWait(String operation, FailoverWait.Policy policy, String key, int replicas, Duration waitTimeout,
            Function<RedisClusterCommands<String, byte[]>, T> call) {
        return translate(operation, () -> connector.failoverWait().call(policy, () -> acknowledged(key, replicas,
                waitTimeout, () -> call.apply(connector.commands()))));
    }

    /** Runs a write, then {@code WAIT}s on the connection of its key; too few acknowledgements leave it unconfirmed. */
    private <T> T acknowledged(String key, int replicas, Duration waitTimeout, Supplier<T> write) {
        T reply = write.get();
        long acknowledged;
        try {
            acknowledged = connector.waitForReplicas(key, replicas, waitTimeout);
        } catch (RedisCommandInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            // also "WAIT cannot be used with replica instances": the slot's master changed since the script ran
            throw new RedisFailures.OutcomeUnknownException("the replicas' acknowledgement was lost ("
                    + e.getMessage() + ")", e);
        }
        if (acknowledged < replicas) {
            throw new RedisFailures.OutcomeUnknownException("acknowledged by " + acknowledged + " of " + replicas
                    + " replicas within " + waitTimeout.toMillis() + " ms (settings writeAckReplicas,"
                    + " writeAckTimeout); the change is on the master only and may be lost if it fails", null);
        }
        return reply;
    }

    <T> T eval(String operation, FailoverWait.Policy policy, LuaScript script, ScriptOutputType type, String[] keys,
            byte[]... args) {
        return translate(operation, () -> connector.failoverWait().call(policy,
                () -> evalOnShared(script, type, keys, args)));
    }

    /**
     * Runs one attempt of a call of the caller's own (on a connection of its choice), waiting out a failover and
     * translating failures as {@link #eval} does.
     */
    <T> T call(String operation, FailoverWait.Policy policy, Supplier<T> attempt) {
        return translate(operation, () -> connector.failoverWait().call(policy, attempt));
    }

    /** Runs a script once on the shared connection, untranslated: for an attempt of {@link #call}. */
    <T> T evalOnShared(LuaScript script, ScriptOutputType type, String[] keys, byte[][] args) {
        RedisClusterCommands<String, byte[]> commands = connector.commands();
        try {
            return commands.evalsha(script.sha1(), type, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(script.source(), type, keys, args);
        }
    }

    /**
     * Sends a script on the shared connection without waiting for its reply (an integer); any failure is logged at
     * FINE: the caller does not depend on it. Until the script is known to be in the server's cache it goes as
     * {@code EVAL}: an {@code EVALSHA} answered {@code NOSCRIPT} would be sent again as {@code EVAL} only after the
     * reply, behind the commands of the requests that follow, which must see its effect.
     *
     * @return completed when the script ran or failed for good, never exceptionally
     */
    CompletableFuture<Void> evalUnawaited(String operation, LuaScript script, String[] keys, byte[]... args) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            RedisClusterAsyncCommands<String, byte[]> commands = connector.asyncCommands();
            if (!cachedScripts.contains(script.sha1())) {
                commands.<Long>eval(script.source(), ScriptOutputType.INTEGER, keys, args).whenComplete((reply, e) -> {
                    if (e == null) {
                        cachedScripts.add(script.sha1());
                    }
                    logUnawaited(operation, e);
                    done.complete(null);
                });
                return done;
            }
            commands.<Long>evalsha(script.sha1(), ScriptOutputType.INTEGER, keys, args).whenComplete((reply, e) -> {
                Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (failure instanceof RedisNoScriptException) {
                    // a restarted or new master: late this once; the next calls go as EVAL until it is cached again
                    cachedScripts.remove(script.sha1());
                    commands.<Long>eval(script.source(), ScriptOutputType.INTEGER, keys, args)
                            .whenComplete((again, f) -> {
                                logUnawaited(operation, f);
                                done.complete(null);
                            });
                } else {
                    logUnawaited(operation, failure);
                    done.complete(null);
                }
            });
        } catch (RedisException e) {
            logUnawaited(operation, e);
            done.complete(null);
        }
        return done;
    }

    private static void logUnawaited(String operation, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.FINE, operation + " failed; nothing depends on it", failure);
        }
    }

    /** Runs commands on the shared connection, waiting out a failover as {@code policy} allows. */
    <T> T run(String operation, FailoverWait.Policy policy, Function<RedisClusterCommands<String, byte[]>, T> call) {
        return translate(operation, () -> connector.failoverWait().call(policy, () -> call.apply(
                connector.commands())));
    }

    <T> T run(String operation, Function<RedisClusterCommands<String, byte[]>, T> call) {
        return translate(operation, () -> call.apply(connector.commands()));
    }

    <T> T translate(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T reply = call.get();
            failed = false;
            return reply;
        } catch (RedisCommandTimeoutException e) {
            throw new SessionStoreUnavailableException(operation, "Redis did not answer within "
                    + timeout.toMillis() + " ms (setting redisTimeout)", e);
        } catch (RedisCommandExecutionException e) {
            throw new RedisSessionException("Redis refused " + operation + ": " + e.getMessage(), e);
        } catch (RedisFailures.OutcomeUnknownException e) {
            throw new SessionStoreUnavailableException(operation, e.getMessage(), e);
        } catch (RedisException e) {
            throw new SessionStoreUnavailableException(operation, String.valueOf(e.getMessage()), e);
        } finally {
            connector.metrics().redisCall((System.nanoTime() - start) / 1000, failed);
        }
    }
}
