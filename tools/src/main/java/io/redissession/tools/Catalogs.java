package io.redissession.tools;

import io.redissession.config.RedisEndpoint;
import io.redissession.config.RedisSessionSettings;
import io.redissession.redis.RedisConnector;
import io.redissession.redis.SessionCatalog;
import io.redissession.redis.SessionTerminator;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Opens the connection a command needs, with the tool's options, and closes it when the command is done. */
final class Catalogs {

    private Catalogs() {
    }

    /**
     * Runs {@code use} on a catalog of the sessions under the tool's Redis URI and key prefix. The tool fails fast:
     * it does not wait out a failover as the filter does.
     */
    static <T> T with(RedisSessionCli cli, Function<SessionCatalog, T> use) {
        return connected(cli, (connector, timeout) -> use.apply(new SessionCatalog(connector, cli.keyPrefix,
                timeout)));
    }

    /** Runs {@code use} on a terminator of sessions under the tool's Redis URI and key prefix. */
    static <T> T ending(RedisSessionCli cli, Function<SessionTerminator, T> use) {
        return connected(cli, (connector, timeout) -> use.apply(new SessionTerminator(connector, cli.keyPrefix,
                timeout)));
    }

    /** Runs {@code use} on a connection to the tool's Redis, closed after. */
    static <T> T connected(RedisSessionCli cli, BiFunction<RedisConnector, Duration, T> use) {
        RedisSessionSettings settings = RedisSessionSettings.builder()
                .redisEndpoint(RedisEndpoint.parse(cli.redisUri()))
                .sessionNamespace("redis-session-cli")
                .keyPrefix(cli.keyPrefix)
                .failoverWait(Duration.ZERO)
                .build();
        try (RedisConnector connector = new RedisConnector(settings)) {
            return use.apply(connector, settings.redisTimeout());
        }
    }
}
