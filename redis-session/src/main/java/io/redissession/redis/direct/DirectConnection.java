package io.redissession.redis.direct;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

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
    private boolean used;

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

    private void handshake(ConnectionOptions options) throws IOException {
        int replies = 0;
        if (options.password() != null) {
            byte[] password = new String(options.password()).getBytes(StandardCharsets.UTF_8);
            if (options.username() != null) {
                command.command(bytes("AUTH"), bytes(options.username()), password);
            } else {
                command.command(bytes("AUTH"), password);
            }
            replies++;
        }
        if (options.database() != 0) {
            command.command(bytes("SELECT"), bytes(Integer.toString(options.database())));
            replies++;
        }
        command.command(bytes("CLIENT"), bytes("SETNAME"), bytes(options.clientName()));
        replies++;
        command.writeTo(out);
        ErrorReply first = null;
        for (int i = 0; i < replies; i++) {
            try {
                in.read();
            } catch (ErrorReply e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IOException("Redis at " + address + " refused the connection set-up: " + first.getMessage());
        }
    }

    /**
     * Sends one command and waits for its reply.
     *
     * @param args the command and its arguments; not {@code null}
     * @return the reply, decoded as {@link RespInput} describes
     * @throws ErrorReply if Redis answered with an error; the connection stays usable
     * @throws SocketTimeoutException if Redis did not answer within the read timeout; the connection is then broken
     * @throws IOException if the connection failed; it is then broken
     */
    public Object call(byte[]... args) throws IOException {
        Object reply = pipeline(new byte[][][] {args})[0];
        if (reply instanceof ErrorReply error) {
            throw error;
        }
        return reply;
    }

    /**
     * Sends commands in one write and reads their replies, in one round trip.
     *
     * @param commands the commands, each with its arguments; not {@code null}
     * @return one reply per command, decoded as {@link RespInput} describes, an {@link ErrorReply} for an error
     * @throws SocketTimeoutException if Redis did not answer within the read timeout; the connection is then broken
     * @throws IOException if the connection failed; it is then broken
     */
    public Object[] pipeline(byte[][]... commands) throws IOException {
        used = true;
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

    /** @return whether a call was made on this connection before (an idle connection may have been closed since) */
    public boolean wasUsed() {
        return used;
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
