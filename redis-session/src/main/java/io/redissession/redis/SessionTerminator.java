package io.redissession.redis;

import io.lettuce.core.ScriptOutputType;
import io.redissession.session.EndReason;
import io.redissession.session.SessionIds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends sessions from outside the nodes, for operators' tools: a session's deadline becomes now
 * ({@code end-now.lua}), so it is absent for every request at once, and the next expiry sweep of a running node
 * delivers its {@code sessionDestroyed}, exactly once, as for a timeout. With no node running, the first node that
 * starts within {@code expiryRetention} delivers it.
 */
public final class SessionTerminator {

    private static final LuaScript END_NOW = LuaScript.load("end-now.lua");

    private final RedisConnector connector;
    private final ScriptRunner runner;
    private final String keyPrefix;

    /**
     * @param connector the connection; not {@code null}
     * @param keyPrefix the filter's {@code keyPrefix}; not {@code null}
     * @param timeout the command timeout
     */
    public SessionTerminator(RedisConnector connector, String keyPrefix, Duration timeout) {
        this.connector = connector;
        this.runner = new ScriptRunner(connector, timeout);
        this.keyPrefix = keyPrefix;
    }

    /**
     * @param namespace the namespace; not {@code null}
     * @param id a session id; not {@code null}
     * @return whether a live session was ended
     * @throws IllegalArgumentException if the id is not well-formed
     */
    public boolean end(String namespace, String id) {
        return end(namespace, id, EndReason.INVALIDATED);
    }

    private boolean end(String namespace, String id, EndReason reason) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        Long ended = runner.eval("end session", FailoverWait.Policy.ALWAYS, END_NOW, ScriptOutputType.INTEGER,
                keys.sessionAndIndexKeys(id), RedisSessionRepository.bytes(id),
                RedisSessionRepository.bytes(reason.label()));
        return ended != null && ended == 1;
    }

    /**
     * Ends every live session of a user (from the user's index).
     *
     * @param namespace the namespace; not {@code null}
     * @param user the user name; not {@code null}
     * @return how many sessions were ended
     */
    public int endUser(String namespace, String user) {
        KeyLayout keys = new KeyLayout(keyPrefix, namespace);
        List<String> ids = new ArrayList<>();
        for (byte[] member : connector.commands().zrange(keys.userIndexKey(user), 0, -1)) {
            String id = new String(member, StandardCharsets.UTF_8);
            if (SessionIds.isWellFormed(id)) {
                ids.add(id);
            }
        }
        int ended = 0;
        for (String id : ids) {
            byte[] owner = connector.commands().hget(keys.sessionKey(id), KeyLayout.USER);
            if (owner != null && user.equals(new String(owner, StandardCharsets.UTF_8))
                    && end(namespace, id, EndReason.FORCED_LOGOUT)) {
                ended++;
            }
        }
        return ended;
    }
}
