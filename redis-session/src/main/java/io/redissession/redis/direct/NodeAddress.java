package io.redissession.redis.direct;

/**
 * A Redis node's host and port.
 *
 * @param host the host name or address; not {@code null}
 * @param port the TCP port
 */
public record NodeAddress(String host, int port) {

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
