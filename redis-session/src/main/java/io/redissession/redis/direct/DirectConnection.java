package io.redissession.redis.direct;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One blocking connection to one Redis node, used by one thread at a time: the caller's thread writes the command and
 * reads the reply itself. Authenticates, selects the database and names itself when opened.
 */
public final class DirectConnection implements AutoCloseable {

    private final NodeAddress address;
    private final Socket socket;
    private final OutputStream out;
    private final RespInput in;
    private final RespOutput command = new RespOutput();
    private boolean broken;

    private DirectConnection(NodeAddress address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.in = new RespInput(socket.getInputStream());
    }

    static DirectConnection open(NodeAddress address, ConnectionOptions options) throws IOException {
        Socket socket = options.sockets().open(address, options.connectTimeoutMillis(), options.readTimeoutMillis());
        DirectConnection connection = new DirectConnection(address, socket);
        try {
            connection.handshake(options);
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * {@code HELLO 2 [AUTH user password] SETNAME name}, then {@code SELECT} if needed: {@code HELLO} is allowed to
     * every ACL user, {@code CLIENT SETNAME} is not.
     */
    private void handshake(ConnectionOptions options) throws IOException {
        List<byte[]> hello = new ArrayList<>(List.of(bytes("HELLO"), bytes("2")));
        if (options.password() != null) {
            hello.add(bytes("AUTH"));
            hello.add(bytes(options.username() == null ? "default" : options.username()));
            hello.add(new String(options.password()).getBytes(StandardCharsets.UTF_8));
        }
        hello.add(bytes("SETNAME"));
        hello.add(bytes(options.clientName()));
        byte[][][] commands = options.database() == 0 ? new byte[][][] {hello.toArray(new byte[0][])}
                : new byte[][][] {hello.toArray(new byte[0][]),
                    {bytes("SELECT"), bytes(Integer.toString(options.database()))}};
        for (Object reply : pipeline(commands)) {
            if (reply instanceof ErrorReply error) {
                throw new IOException("Redis at " + address + " refused the connection set-up: " + error.getMessage());
            }
        }
    }

    /**
     * Sends commands in one write and reads their replies, in one round trip.
     *
     * @param commands the commands, each with its arguments; not {@code null}
     * @return one reply per command, decoded as {@link RespInput} describes, an {@link ErrorReply} for an error (the
     *         connection stays usable)
     * @throws SocketTimeoutException if Redis did not answer within the read timeout; the connection is then broken
     * @throws IOException if the connection failed; it is then broken
     */
    public Object[] pipeline(byte[][]... commands) throws IOException {
        try {
            for (byte[][] args : commands) {
                command.command(args);
            }
            command.writeTo(out);
            Object[] replies = new Object[commands.length];
            for (int i = 0; i < commands.length; i++) {
                try {
                    replies[i] = in.read();
                } catch (ErrorReply e) {
                    replies[i] = e;
                }
            }
            return replies;
        } catch (IOException | RuntimeException e) {
            broken = true;
            command.clear();
            throw e;
        }
    }

    /** @return the node this connection talks to */
    public NodeAddress address() {
        return address;
    }

    /** @return whether a failure left this connection unusable (it must then be closed, not reused) */
    public boolean isBroken() {
        return broken || in.hasBuffered() || socket.isClosed();
    }

    @Override
    public void close() {
        broken = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
