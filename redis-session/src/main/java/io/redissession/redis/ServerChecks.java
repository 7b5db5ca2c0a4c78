package io.redissession.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks, once connected, the server settings this library relies on, and says how to fix what is wrong: the
 * eviction policy, since evicting session keys logs users out at random; the server version and script
 * replication, since the scripts read the server clock before they write. Keyspace notifications are not used, so
 * they are not checked. A server that refuses {@code CONFIG GET} or {@code INFO} (managed services, restricted ACL
 * users) is not checked.
 */
final class ServerChecks {

    private static final Logger LOG = Logger.getLogger(ServerChecks.class.getName());

    private ServerChecks() {
    }

    static void run(RedisClusterCommands<String, byte[]> commands, String endpoint) {
        Optional<String> policy = configValue(commands, "maxmemory-policy");
        policy.flatMap(ServerChecks::evictionWarning).ifPresent(warning -> LOG.warning("Redis at " + endpoint
                + ": " + warning));
        serverVersion(commands).flatMap(ServerChecks::versionWarning).ifPresent(warning -> LOG.warning("Redis at "
                + endpoint + ": " + warning));
        configValue(commands, "lua-replicate-commands").flatMap(ServerChecks::scriptReplicationWarning)
                .ifPresent(warning -> LOG.warning("Redis at " + endpoint + ": " + warning));
    }

    /**
     * @param version the server's {@code redis_version}, such as {@code 7.0.15}; not {@code null}
     * @return what is wrong with it, if anything
     */
    static Optional<String> versionWarning(String version) {
        String[] parts = version.split("\\.");
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (major < 5) {
            return Optional.of("Redis " + version + " is too old: the session scripts read the server clock and"
                    + " then write, which needs script effects replication (Redis 5.0 or later). Upgrade Redis.");
        }
        if (major < 6 || (major == 6 && minor < 2)) {
            return Optional.of("Redis " + version + " is older than 6.2, the oldest version this library is tested"
                    + " with. Upgrade Redis.");
        }
        return Optional.empty();
    }

    /**
     * @param value the server's {@code lua-replicate-commands} (Redis 5 and 6 only); not {@code null}
     * @return what is wrong with it, if anything
     */
    static Optional<String> scriptReplicationWarning(String value) {
        return value.equals("no") ? Optional.of("lua-replicate-commands is no: the session scripts read the server"
                + " clock and then write, which Redis refuses without script effects replication. Set"
                + " lua-replicate-commands yes (the default).") : Optional.empty();
    }

    private static Optional<String> serverVersion(RedisClusterCommands<String, byte[]> commands) {
        try {
            for (String line : commands.info("server").split("\\R")) {
                if (line.startsWith("redis_version:")) {
                    return Optional.of(line.substring("redis_version:".length()).trim());
                }
            }
        } catch (RedisException e) {
            LOG.log(Level.FINE, "INFO server refused; server version not checked", e);
        }
        return Optional.empty();
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
