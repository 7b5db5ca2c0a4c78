package io.redissession.redis;

import static io.redissession.redis.RedisSessionRepository.bytes;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.ScriptOutputType;
import io.redissession.redis.direct.DirectConnection;
import io.redissession.redis.direct.DirectConnections;
import io.redissession.redis.direct.ErrorReply;
import io.redissession.redis.direct.NodeAddress;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a script on a {@link DirectConnection} to the master of its first key, so the request thread waits for Redis
 * itself instead of handing the call to the client's I/O thread and being woken up again. Whenever that is not
 * possible or not safe, it answers {@link #USE_SHARED} and the caller sends the script on the shared connection: no
 * direct connection free, master unknown or unreachable, a redirection or a read-only replica (the script did not
 * run), a connection that broke (the shared connection then re-sends it, as it does for its own commands after a
 * reconnect).
 */
final class DirectScripts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DirectScripts.class.getName());

    /** Answer of {@link #eval} when the script must go through the shared connection. */
    static final Object USE_SHARED = new Object();

    /** Errors that mean the script did not run on this node and the shared connection knows where it should. */
    private static final Set<String> ROUTING_ERRORS = Set.of("MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN", "READONLY",
            "LOADING", "MASTERDOWN");
    private static final byte[] EVALSHA = bytes("EVALSHA");
    private static final byte[] EVAL = bytes("EVAL");
    private static final byte[] WAIT = bytes("WAIT");

    private final DirectConnections connections;
    private final MasterLocator locator;
    private final Duration timeout;

    DirectScripts(DirectConnections connections, MasterLocator locator, Duration timeout) {
        this.connections = connections;
        this.locator = locator;
        this.timeout = timeout;
    }

    /**
     * @return the reply shaped as the shared connection would give it for {@code type}, or {@link #USE_SHARED}
     * @throws RedisCommandExecutionException if Redis answered with an error other than a redirection
     * @throws RedisCommandTimeoutException if Redis did not answer within the command timeout
     */
    Object eval(LettuceClients.Connected connected, LuaScript script, ScriptOutputType type, String[] keys,
            byte[][] args) {
        Object[] replies = run(connected, script, keys, args, null);
        return replies == null ? USE_SHARED : shape(type, replies[0]);
    }

    /**
     * Runs the script and {@code WAIT} on the same connection, in one round trip: {@code WAIT} counts the replicas
     * that have this connection's writes.
     *
     * @return the script's reply and the replicas that acknowledged it, or {@code null} to use the shared connection
     * @throws RedisCommandExecutionException if Redis answered with an error other than a redirection
     * @throws RedisCommandTimeoutException if Redis did not answer within the command timeout
     */
    ScriptRunner.Acknowledged evalAndWait(LettuceClients.Connected connected, LuaScript script, ScriptOutputType type,
            String[] keys, byte[][] args, int replicas, Duration waitTimeout) {
        byte[][] wait = {WAIT, bytes(Integer.toString(replicas)), bytes(Long.toString(waitTimeout.toMillis()))};
        Object[] replies = run(connected, script, keys, args, wait);
        return replies == null ? null : new ScriptRunner.Acknowledged(shape(type, replies[0]), (Long) replies[1]);
    }

    /** @return the replies of the script and of {@code then} if given, or {@code null} to use the shared connection */
    private Object[] run(LettuceClients.Connected connected, LuaScript script, String[] keys, byte[][] args,
            byte[][] then) {
        NodeAddress master = locator.masterFor(keys[0], connected);
        if (master == null) {
            return null;
        }
        DirectConnection connection;
        try {
            connection = connections.borrow(master);
        } catch (IOException e) {
            LOG.log(Level.FINE, "No direct connection to " + master + "; the shared connection is used", e);
            locator.forget();
            return null;
        }
        if (connection == null) {
            return null;
        }
        try {
            byte[][] command = evalsha(script, keys, args);
            Object[] replies = send(connection, command, then);
            if (replies[0] instanceof ErrorReply error && "NOSCRIPT".equals(error.code())) {
                command[0] = EVAL;
                command[1] = script.sourceBytes();
                replies = send(connection, command, then);
            }
            for (Object reply : replies) {
                if (reply instanceof ErrorReply error) {
                    if (ROUTING_ERRORS.contains(error.code())) {
                        locator.forget();
                        return null;
                    }
                    throw new RedisCommandExecutionException(error.getMessage());
                }
            }
            return replies;
        } catch (SocketTimeoutException e) {
            throw new RedisCommandTimeoutException("Command timed out after " + timeout.toMillis()
                    + " millisecond(s)");
        } catch (IOException e) {
            connections.discardIdle(master);
            locator.forget();
            return null;
        } finally {
            connections.release(connection);
        }
    }

    private static Object[] send(DirectConnection connection, byte[][] command, byte[][] then) throws IOException {
        return then == null ? connection.pipeline(command) : connection.pipeline(command, then);
    }

    private static byte[][] evalsha(LuaScript script, String[] keys, byte[][] args) {
        byte[][] command = new byte[3 + keys.length + args.length][];
        command[0] = EVALSHA;
        command[1] = script.sha1Bytes();
        command[2] = bytes(Integer.toString(keys.length));
        for (int i = 0; i < keys.length; i++) {
            command[3 + i] = bytes(keys[i]);
        }
        System.arraycopy(args, 0, command, 3 + keys.length, args.length);
        return command;
    }

    private static Object shape(ScriptOutputType type, Object reply) {
        if (type == ScriptOutputType.MULTI && !(reply instanceof List)) {
            return Collections.singletonList(reply);
        }
        return reply;
    }

    @Override
    public void close() {
        connections.close();
    }
}
