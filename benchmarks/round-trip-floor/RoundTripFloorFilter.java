package io.redissession.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A benchmark yardstick, not a session store: the cheapest thing any Redis-backed store with a given number of
 * round trips per request can be. Sessions stay in the container's own heap; each request to {@code /read},
 * {@code /write} or {@code /login} of the session-store benchmark only pays its round trips, as {@code PING}s on a
 * blocking connection of the request thread. A real store adds to that cost (scripts, serialization, its own code),
 * so this filter's throughput bounds what a store with those round trips can reach on the same machine.
 * <p>
 * Init-params: {@code redisPort} (Redis on 127.0.0.1), {@code readTrips}, {@code writeTrips}, {@code loginTrips};
 * each may also come from the system property {@code floor.<name>}, so that one benchmark run can hold this filter
 * and a session filter that refuses init-params it does not know.
 */
public final class RoundTripFloorFilter implements Filter {

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int PONG_LENGTH = "+PONG\r\n".length();

    private final ThreadLocal<Socket> sockets = new ThreadLocal<>();
    private int port;
    private int readTrips;
    private int writeTrips;
    private int loginTrips;

    @Override
    public void init(FilterConfig config) {
        port = number(config, "redisPort");
        readTrips = number(config, "readTrips");
        writeTrips = number(config, "writeTrips");
        loginTrips = number(config, "loginTrips");
    }

    private static int number(FilterConfig config, String name) {
        String value = config.getInitParameter(name);
        if (value == null) {
            value = System.getProperty("floor." + name);
        }
        if (value == null) {
            throw new IllegalArgumentException("RoundTripFloorFilter needs the init-param or system property floor."
                    + name);
        }
        return Integer.parseInt(value.trim());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = ((HttpServletRequest) request).getRequestURI();
        int trips = switch (path) {
            case "/read" -> readTrips;
            case "/write" -> writeTrips;
            case "/login" -> loginTrips;
            default -> 0;
        };
        for (int i = 0; i < trips; i++) {
            ping();
        }
        chain.doFilter(request, response);
    }

    private void ping() throws IOException {
        Socket socket = sockets.get();
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            sockets.set(socket);
        }
        OutputStream out = socket.getOutputStream();
        out.write(PING);
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[PONG_LENGTH];
        int read = 0;
        while (read < PONG_LENGTH) {
            int n = in.read(reply, read, PONG_LENGTH - read);
            if (n < 0) {
                throw new IOException("Redis closed the connection");
            }
            read += n;
        }
    }
}
