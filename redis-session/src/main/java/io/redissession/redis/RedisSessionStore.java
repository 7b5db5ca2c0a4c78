package io.redissession.redis;

import io.redissession.config.RedisSessionSettings;
import io.redissession.session.SessionRepository;

/**
 * The Redis side of one filter, built from its settings: the connection and the repository. Closing it closes the
 * connection and stops the client's threads.
 */
public final class RedisSessionStore implements AutoCloseable {

    private final RedisConnector connector;
    private final RedisSessionRepository repository;

    /**
     * Connects to Redis; if Redis is down, logs it and connects later, on demand.
     *
     * @param settings the filter's settings; not {@code null}
     */
    public RedisSessionStore(RedisSessionSettings settings) {
        this.connector = new RedisConnector(settings);
        this.repository = new RedisSessionRepository(
                new KeyLayout(settings.keyPrefix(), settings.sessionNamespace()), connector, settings);
    }

    /** @return the session repository */
    public SessionRepository repository() {
        return repository;
    }

    @Override
    public void close() {
        connector.close();
    }
}
