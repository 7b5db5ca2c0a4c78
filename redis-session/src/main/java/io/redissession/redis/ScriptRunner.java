package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.redissession.RedisSessionException;
import io.redissession.SessionStoreUnavailableException;

import java.time.Duration;
import java.util.function.Function;

/**
 * Runs commands, scripts on a direct connection when there is one ({@link DirectScripts}) and otherwise on the shared
 * connection, and translates client failures: {@code EVALSHA} with a fallback to
 * {@code EVAL} when the server lost its script cache, timeouts and disconnections into
 * {@link SessionStoreUnavailableException}, command errors into {@link RedisSessionException}.
 */
final class ScriptRunner {

    private final RedisConnector connector;
    private final Duration timeout;
    private final boolean direct;

    /**
     * @param connector the connections; not {@code null}
     * @param timeout the command timeout, for messages
     * @param direct whether scripts may run on the connector's direct connections (not when a {@code WAIT} must
     *        follow them on the shared connection)
     */
    ScriptRunner(RedisConnector connector, Duration timeout, boolean direct) {
        this.connector = connector;
        this.timeout = timeout;
        this.direct = direct;
    }

    @SuppressWarnings("unchecked")
    <T> T eval(String operation, LuaScript script, ScriptOutputType type, String[] keys, byte[]... args) {
        DirectScripts scripts = direct ? connector.directScripts() : null;
        if (scripts != null) {
            Object reply = translate(operation, () -> scripts.eval(connector.connected(), script, type, keys, args));
            if (reply != DirectScripts.USE_SHARED) {
                return (T) reply;
            }
        }
        return run(operation, commands -> {
            try {
                return commands.evalsha(script.sha1(), type, keys, args);
            } catch (RedisNoScriptException e) {
                return commands.eval(script.source(), type, keys, args);
            }
        });
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
