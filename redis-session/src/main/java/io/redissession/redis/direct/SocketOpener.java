package io.redissession.redis.direct;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Opens connected sockets to Redis nodes: plain TCP, or TLS with or without the host-name check. */
public final class SocketOpener {

    private final SSLSocketFactory tls;
    private final boolean checkHostName;

    private SocketOpener(SSLSocketFactory tls, boolean checkHostName) {
        this.tls = tls;
        this.checkHostName = checkHostName;
    }

    /** @return an opener of plain TCP sockets */
    public static SocketOpener plain() {
        return new SocketOpener(null, false);
    }

    /**
     * @param factory the TLS context's socket factory (trust and key material); not {@code null}
     * @param checkHostName whether the server certificate must name the host connected to
     * @return an opener of TLS sockets
     */
    public static SocketOpener tls(SSLSocketFactory factory, boolean checkHostName) {
        return new SocketOpener(factory, checkHostName);
    }

    Socket open(NodeAddress address, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMillis);
            if (tls == null) {
                socket.setSoTimeout(readTimeoutMillis);
                return socket;
            }
            socket.setSoTimeout(connectTimeoutMillis);
            SSLSocket secured = (SSLSocket) tls.createSocket(socket, address.host(), address.port(), true);
            if (checkHostName) {
                SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secured.setSSLParameters(parameters);
            }
            secured.startHandshake();
            secured.setSoTimeout(readTimeoutMillis);
            return secured;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
