package io.redissession.redis.direct;

/**
 * How direct connections are opened.
 *
 * @param sockets opens plain or TLS sockets; not {@code null}
 * @param connectTimeoutMillis how long opening a connection may take
 * @param readTimeoutMillis how long a reply may take before the call fails
 * @param username the ACL user, or {@code null} for the default user
 * @param password the password, or {@code null} when Redis needs none
 * @param database the database to select
 * @param clientName the name shown by {@code CLIENT LIST}; not {@code null}
 */
public record ConnectionOptions(SocketOpener sockets, int connectTimeoutMillis, int readTimeoutMillis,
        String username, char[] password, int database, String clientName) {
}
