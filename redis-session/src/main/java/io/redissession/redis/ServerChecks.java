package io.redissession.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks, once connected, the server settings this library relies on, and says how to fix what is wrong. Today:
 * the eviction policy, since evicting session keys logs users out at random. A server that refuses
 * {@code CONFIG GET} (managed services, restricted ACL users) is not checked.
 */
final class ServerChecks {

    private static final Logger LOG = Logger.getLogger(ServerChecks.class.getName());

    private ServerChecks() {
    }

    static void run(RedisClusterCommands<String, byte[]> commands, String endpoint) {
        Optional<String> policy = configValue(commands, "maxmemory-policy");
        policy.flatMap(ServerChecks::evictionWarning).ifPresent(warning -> LOG.warning("Redis at " + endpoint
                + ": " + warning));
    }

    /**
     * @param policy the server's {@code maxmemory-policy}; not {@code null}
     * @return what is wrong with it for a session store, if anything
     */
    static Optional<String> evictionWarning(String policy) {
        if (policy.equals("noeviction")) {
            return Optional.empty();
        }
        if (policy.startsWith("allkeys-")) {
            return Optional.of("maxmemory-policy is " + policy + ": when maxmemory is reached Redis evicts live"
                    + " sessions, logging users out at random. Use noeviction (writes then fail loudly) and size"
                    + " memory for the sessions (redis-conf/standalone.conf).");
        }
        return Optional.of("maxmemory-policy is " + policy + ": every session key has a TTL, so when maxmemory is"
                + " reached Redis evicts live sessions, logging users out at random. Use noeviction (writes then"
                + " fail loudly) and size memory for the sessions (redis-conf/standalone.conf).");
    }

    private static Optional<String> configValue(RedisClusterCommands<String, byte[]> commands, String name) {
        try {
            Map<String, String> values = commands.configGet(name);
            return Optional.ofNullable(values.get(name));
        } catch (RedisException e) {
            LOG.log(Level.FINE, "CONFIG GET " + name + " refused; server settings not checked", e);
            return Optional.empty();
        }
    }
}
