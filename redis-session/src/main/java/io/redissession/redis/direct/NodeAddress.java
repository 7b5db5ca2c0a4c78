package io.redissession.redis.direct;

import java.util.Objects;

/**
 * A Redis node's host and port.
 *
 * @param host the host name or address; not {@code null}
 * @param port the TCP port
 */
public record NodeAddress(String host, int port) {

    /**
     * Written out, as is {@link #hashCode}: the generated ones go through a method handle, slow until compiled, and
     * the connection pools look their node up on every call.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof NodeAddress that && port == that.port && Objects.equals(host, that.host);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(host) + port;
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
