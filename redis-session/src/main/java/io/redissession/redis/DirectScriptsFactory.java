package io.redissession.redis;

import io.lettuce.core.AbstractRedisClient;
import io.redissession.config.RedisEndpoint;
import io.redissession.config.RedisSessionSettings;
import io.redissession.redis.direct.ConnectionOptions;
import io.redissession.redis.direct.DirectConnections;
import io.redissession.redis.direct.SocketOpener;
import io.redissession.redis.direct.TlsContexts;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.logging.Logger;

/** Builds the {@link DirectScripts} that the settings ask for: connection options, TLS context, locator. */
final class DirectScriptsFactory {

    private static final Logger LOG = Logger.getLogger(DirectScriptsFactory.class.getName());

    private DirectScriptsFactory() {
    }

    /**
     * @return the direct script runner, or {@code null} if {@code directConnections} is 0 or the TLS material cannot
     *         be loaded (logged; the shared connection then reports the same problem when it connects)
     */
    static DirectScripts create(RedisSessionSettings settings, AbstractRedisClient client) {
        if (settings.directConnections() == 0) {
            return null;
        }
        RedisEndpoint endpoint = settings.redisEndpoint();
        SocketOpener sockets;
        try {
            sockets = endpoint.tls() ? TlsContexts.socketOpener(settings.tls()) : SocketOpener.plain();
        } catch (GeneralSecurityException | IOException e) {
            LOG.warning("Direct connections are off: the TLS settings cannot be loaded (" + e + ")");
            return null;
        }
        int connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        int readMillis = Math.toIntExact(settings.redisTimeout().toMillis());
        ConnectionOptions options = new ConnectionOptions(sockets, connectMillis, readMillis, endpoint.username(),
                endpoint.password(), endpoint.database(), LettuceClients.DIRECT_CLIENT_NAME);
        return new DirectScripts(new DirectConnections(options, settings.directConnections()),
                new MasterLocator(endpoint, client, settings.connectTimeout()), settings.redisTimeout());
    }
}
