package io.redissession.testkit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionBuilder;
import io.lettuce.core.ConnectionEvents;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.RedisStateMachine;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * A blocking connection to one Redis server, over Lettuce, for tests that need to see Redis as it is: any command
 * is sent exactly as given, and its reply comes back as plain Java values rather than Lettuce's typed results.
 *
 * <p>Replies map to Java types as follows: simple string to {@link String}, error to a thrown
 * {@link RedisErrorReply}, integer to {@link Long}, bulk string to {@code byte[]} ({@code null} for
 * nil), array to {@code List<Object>} ({@code null} for a nil array); an error inside an array,
 * as {@code EXEC} may return, becomes a {@link RedisErrorReply} element.
 *
 * <p>The connection speaks RESP2 and sends nothing of its own, so tests that count commands or clients see only
 * what they send: no {@code HELLO}, no {@code PING} on connect, no {@code CLIENT SETNAME} or {@code CLIENT SETINFO},
 * no maintenance notifications. It never reconnects. Commands are written to the connection's Lettuce endpoint as
 * they are, past the connection's own bookkeeping of {@code MULTI}, {@code EXEC} and {@code AUTH} (which would hold
 * back the replies of queued commands and turn the reply of {@code EXEC} into a {@code TransactionResult}): a
 * command queued in {@code MULTI} returns {@code QUEUED} and {@code EXEC} returns the raw array.
 *
 * <p>Replies are decoded by Lettuce's decoder, in the {@link StatusAwareStateMachine} variant (Lettuce's own does not
 * tell a status from a bulk string), into a {@link ReplyOutput}.
 *
 * <p>Every command waits at most {@link #SOCKET_TIMEOUT_MILLIS}. A connection failure, a timeout, or a connection
 * the server closed (after {@code CLIENT KILL}, {@code QUIT}, {@code SHUTDOWN}) closes this connection and is thrown
 * as {@link UncheckedIOException}. Methods are synchronized, so one connection may be shared by threads, one command
 * at a time. All connections of a JVM share one Lettuce client and its {@link ClientResources} (daemon event loop
 * threads), which stay up until the JVM exits.
 */
public final class RedisTestConnection implements AutoCloseable {

    /** Connect and command timeout, in milliseconds. */
    public static final int SOCKET_TIMEOUT_MILLIS = 5_000;

    private static final int SCAN_COUNT = 1_000;
    private static final Duration TIMEOUT = Duration.ofMillis(SOCKET_TIMEOUT_MILLIS);
    private static final ClientOptions OPTIONS = ClientOptions.builder()
            .protocolVersion(ProtocolVersion.RESP2)
            .pingBeforeActivateConnection(false)
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .maintNotificationsConfig(MaintNotificationsConfig.disabled())
            .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
            .build();

    private final String address;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final ConnectionEndpoint endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Connects to a server on {@code 127.0.0.1}.
     *
     * @param port the server port
     * @throws UncheckedIOException if the connection fails
     */
    public RedisTestConnection(int port) {
        this(FreePorts.HOST, port);
    }

    /**
     * Connects to a server.
     *
     * @param host the host name or address, not {@code null}
     * @param port the server port
     * @throws UncheckedIOException if the connection fails
     */
    public RedisTestConnection(String host, int port) {
        Objects.requireNonNull(host, "host");
        this.address = host + ":" + port;
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(TIMEOUT)
                .withLibraryName("").withLibraryVersion("").build();
        try {
            this.connection = SharedClient.INSTANCE.connect(ByteArrayCodec.INSTANCE, uri);
        } catch (RuntimeException e) {
            SharedClient.INSTANCE.takeEndpoint(uri);
            throw new UncheckedIOException("RedisTestConnection: cannot connect to [" + address + "]",
                    new IOException(e.getMessage(), e));
        }
        this.endpoint = Objects.requireNonNull(SharedClient.INSTANCE.takeEndpoint(uri), "no endpoint for " + uri);
    }

    /**
     * Sends one command and reads its reply.
     *
     * @param args the command name and its arguments, encoded as UTF-8; none {@code null}
     * @return the reply, mapped as described in the class comment
     * @throws RedisErrorReply if the server replies with an error
     */
    public Object command(String... args) {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new NullPointerException("command: args[" + i + "] is null");
            }
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(raw);
    }

    /**
     * Sends one command given as raw bytes and reads its reply.
     *
     * @param args the command name and its arguments; none {@code null}
     * @return the reply, mapped as described in the class comment
     * @throws RedisErrorReply if the server replies with an error
     * @throws UncheckedIOException if the connection fails, the reply is late or the connection was closed; this
     *     connection is closed then
     * @throws IllegalArgumentException if {@code args} is empty
     */
    public synchronized Object command(byte[]... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("command: no command name");
        }
        CommandArgs<byte[], byte[]> arguments = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new NullPointerException("command: args[" + i + "] is null");
            }
            if (i > 0) {
                arguments.add(args[i]);
            }
        }
        ReplyOutput output = new ReplyOutput();
        AsyncCommand<byte[], byte[], Object> command =
                new AsyncCommand<>(new Command<>(new Name(args[0]), output, arguments));
        try {
            endpoint.write(command);
            return LettuceFutures.awaitOrCancel(command, SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RedisCommandExecutionException e) {
            throw new RedisErrorReply(output.hasError() ? output.getError() : e.getMessage());
        } catch (RuntimeException e) {
            close();
            throw new UncheckedIOException("RedisTestConnection to [" + address + "] failed, now closed",
                    new IOException(e.toString(), e));
        }
    }

    /**
     * Sends a command whose reply is a string.
     *
     * @param args the command name and its arguments
     * @return a bulk or simple string reply as UTF-8 text, an integer reply as its decimal text,
     *     {@code null} for nil
     * @throws IllegalStateException if the reply is an array
     */
    public String string(String... args) {
        Object reply = command(args);
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof Long number) {
            return number.toString();
        }
        throw unexpected(args, reply);
    }

    /**
     * Sends a command whose reply is an integer.
     *
     * @param args the command name and its arguments
     * @return the integer reply
     * @throws IllegalStateException if the reply is not an integer
     */
    public long integer(String... args) {
        Object reply = command(args);
        if (reply instanceof Long number) {
            return number;
        }
        throw unexpected(args, reply);
    }

    /**
     * Reads a whole hash with {@code HGETALL}.
     *
     * @param key the key, not {@code null}
     * @return the fields in the order the server sent them; empty if the key does not exist
     */
    public Map<String, byte[]> hgetall(String key) {
        List<?> flat = (List<?>) command("HGETALL", key);
        Map<String, byte[]> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8), (byte[]) flat.get(i + 1));
        }
        return hash;
    }

    /**
     * Reads one section of {@code INFO} as {@code name -> value} pairs.
     *
     * @param section the section, such as {@code server} or {@code keyspace}, not {@code null}
     * @return the {@code name:value} lines of the section, in order
     */
    public Map<String, String> info(String section) {
        String text = string("INFO", section);
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                info.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return info;
    }

    /**
     * Lists the keys matching a glob-style pattern, with {@code SCAN} (never {@code KEYS}).
     *
     * @param pattern the {@code MATCH} pattern, not {@code null}
     * @return the matching keys, sorted, without duplicates
     */
    public List<String> keys(String pattern) {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", Integer.toString(SCAN_COUNT));
            cursor = new String((byte[]) page.get(0), StandardCharsets.UTF_8);
            for (Object key : (List<?>) page.get(1)) {
                keys.add(new String((byte[]) key, StandardCharsets.UTF_8));
            }
        } while (!"0".equals(cursor));
        return new ArrayList<>(keys);
    }

    /** Closes the connection. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }

    /**
     * Returns whether the connection is still open.
     *
     * @return {@code false} after {@link #close()}, a failure, or once the server closed the connection
     */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Returns the local port of the connection: the server shows the client as {@code 127.0.0.1:<port>}. */
    int localPort() {
        return endpoint.localPort;
    }

    private static IllegalStateException unexpected(String[] args, Object reply) {
        String shown = reply instanceof byte[] bytes ? "bulk of " + bytes.length + " bytes" : String.valueOf(reply);
        return new IllegalStateException("Unexpected reply [" + shown + "] to [" + Arrays.asList(args) + "]");
    }

    /** The Lettuce client and event loops of every connection in this JVM: created on first use, never shut down. */
    private static final class SharedClient {
        static final ConnectionClient INSTANCE = new ConnectionClient(DefaultClientResources.builder()
                .ioThreadPoolSize(2).computationThreadPoolSize(2).build());
    }

    /**
     * The client of all connections. Each connection gets a {@link ConnectionEndpoint}, to which its commands are
     * written, and a command handler that decodes with a {@link StatusAwareStateMachine}.
     */
    private static final class ConnectionClient extends RedisClient {

        /** The endpoint of each connection being opened, by the {@link RedisURI} instance it is opened with. */
        private final Map<RedisURI, ConnectionEndpoint> endpoints =
                Collections.synchronizedMap(new IdentityHashMap<>());

        ConnectionClient(ClientResources resources) {
            super(resources, new RedisURI());
            setOptions(OPTIONS);
        }

        @Override
        protected DefaultEndpoint createEndpoint() {
            return new ConnectionEndpoint(getOptions(), getResources());
        }

        @Override
        protected void connectionBuilder(Mono<SocketAddress> socketAddress, ConnectionBuilder builder,
                ConnectionEvents events, RedisURI uri) {
            super.connectionBuilder(socketAddress, builder, events, uri);
            ConnectionEndpoint endpoint = (ConnectionEndpoint) builder.endpoint();
            endpoints.put(uri, endpoint);
            builder.commandHandler(() -> new StatusAwareCommandHandler(getOptions(), getResources(), endpoint));
        }

        /** Removes and returns the endpoint of the connection opened with {@code uri}, {@code null} if none. */
        ConnectionEndpoint takeEndpoint(RedisURI uri) {
            return endpoints.remove(uri);
        }
    }

    /**
     * The endpoint of one connection: commands are written to it directly. Notes the local port when its channel
     * becomes active.
     */
    private static final class ConnectionEndpoint extends DefaultEndpoint {

        private volatile int localPort = -1;

        ConnectionEndpoint(ClientOptions options, ClientResources resources) {
            super(options, resources);
        }

        @Override
        public void notifyChannelActive(Channel channel) {
            SocketAddress local = channel.localAddress();
            if (local instanceof InetSocketAddress inet) {
                localPort = inet.getPort();
            }
            super.notifyChannelActive(channel);
        }
    }

    /** Lettuce's command handler, decoding with a {@link StatusAwareStateMachine}. */
    private static final class StatusAwareCommandHandler extends CommandHandler {

        private final RedisStateMachine decoder = new StatusAwareStateMachine();

        StatusAwareCommandHandler(ClientOptions options, ClientResources resources, DefaultEndpoint endpoint) {
            super(options, resources, endpoint);
        }

        @Override
        protected boolean decode(ByteBuf buffer, RedisCommand<?, ?, ?> command, CommandOutput<?, ?, ?> output) {
            return decoder.decode(buffer, output, command::completeExceptionally);
        }
    }

    /** A command name sent as given, whatever it is. */
    private static final class Name implements ProtocolKeyword {

        private final byte[] bytes;

        Name(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public byte[] getBytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
