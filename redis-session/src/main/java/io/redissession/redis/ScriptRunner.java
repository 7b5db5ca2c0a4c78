package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.redissession.RedisSessionException;
import io.redissession.SessionStoreUnavailableException;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;

/**
 * Runs commands, scripts on a direct connection when there is one ({@link DirectScripts}) and otherwise on the shared
 * connection, and translates client failures: {@code EVALSHA} with a fallback to
 * {@code EVAL} when the server lost its script cache, timeouts and disconnections into
 * {@link SessionStoreUnavailableException}, command errors into {@link RedisSessionException}.
 */
final class ScriptRunner {

    private static final Logger LOG = Logger.getLogger(ScriptRunner.class.getName());

    private final RedisConnector connector;
    private final Duration timeout;

    /**
     * A script's reply and how many replicas acknowledged its writes.
     *
     * @param reply the script's reply
     * @param replicas the replicas that acknowledged
     */
    record Acknowledged(Object reply, long replicas) {
    }

    /**
     * @param connector the connections; not {@code null}
     * @param timeout the command timeout, for messages
     */
    ScriptRunner(RedisConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
    }

    /**
     * Runs a script and then waits for replicas ({@code WAIT}) on the connection that ran it: together in one round
     * trip on a direct connection, one after the other on the shared one.
     */
    Acknowledged evalAndWait(String operation, LuaScript script, ScriptOutputType type, String[] keys, int replicas,
            Duration waitTimeout, byte[]... args) {
        DirectScripts scripts = connector.directScripts();
        if (scripts != null) {
            Acknowledged reply = translate(operation, () -> scripts.evalAndWait(connector.connected(), script, type,
                    keys, args, replicas, waitTimeout));
            if (reply != null) {
                return reply;
            }
        }
        Object reply = evalOnShared(operation, script, type, keys, args);
        return new Acknowledged(reply, translate(operation, () -> connector.waitForReplicas(keys[0], replicas,
                waitTimeout)));
    }

    @SuppressWarnings("unchecked")
    <T> T eval(String operation, LuaScript script, ScriptOutputType type, String[] keys, byte[]... args) {
        DirectScripts scripts = connector.directScripts();
        if (scripts != null) {
            Object reply = translate(operation, () -> scripts.eval(connector.connected(), script, type, keys, args));
            if (reply != DirectScripts.USE_SHARED) {
                return (T) reply;
            }
        }
        return evalOnShared(operation, script, type, keys, args);
    }

    private <T> T evalOnShared(String operation, LuaScript script, ScriptOutputType type, String[] keys,
            byte[][] args) {
        return run(operation, commands -> {
            try {
                return commands.evalsha(script.sha1(), type, keys, args);
            } catch (RedisNoScriptException e) {
                return commands.eval(script.source(), type, keys, args);
            }
        });
    }

    /**
     * Sends a script on the shared connection without waiting for its reply (an integer); {@code NOSCRIPT} is
     * answered with {@code EVAL}, any other failure is logged at FINE: the caller does not depend on it.
     */
    void evalUnawaited(String operation, LuaScript script, String[] keys, byte[]... args) {
        try {
            RedisClusterAsyncCommands<String, byte[]> commands = connector.asyncCommands();
            commands.<Long>evalsha(script.sha1(), ScriptOutputType.INTEGER, keys, args).whenComplete((reply, e) -> {
                Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (failure instanceof RedisNoScriptException) {
                    commands.<Long>eval(script.source(), ScriptOutputType.INTEGER, keys, args)
                            .whenComplete((again, f) -> logUnawaited(operation, f));
                } else {
                    logUnawaited(operation, failure);
                }
            });
        } catch (RedisException e) {
            logUnawaited(operation, e);
        }
    }

    private static void logUnawaited(String operation, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.FINE, operation + " failed; nothing depends on it", failure);
        }
    }

    <T> T run(String operation, Function<RedisClusterCommands<String, byte[]>, T> call) {
        return translate(operation, () -> call.apply(connector.commands()));
    }

    <T> T translate(String operation, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisCommandTimeoutException e) {
            throw new SessionStoreUnavailableException(operation, "Redis did not answer within "
                    + timeout.toMillis() + " ms (setting redisTimeout)", e);
        } catch (RedisCommandExecutionException e) {
            throw new RedisSessionException("Redis refused " + operation + ": " + e.getMessage(), e);
        } catch (RedisException e) {
            throw new SessionStoreUnavailableException(operation, String.valueOf(e.getMessage()), e);
        }
    }
}
