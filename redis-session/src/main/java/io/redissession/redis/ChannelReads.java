package io.redissession.redis;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.nio.AbstractNioChannel;
import io.netty.util.AttributeKey;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells, without a hop to the I/O thread, whether a connection's I/O thread has handled everything that reached
 * its socket: no read of the channel is under way (the read batches are counted from the channel's receive buffer
 * allocator, whose {@code reset} comes before a batch's first read from the socket and {@code readComplete} after
 * its last message went through the pipeline), and the socket has nothing left to read (a selector of its own,
 * polled without waiting). When both hold across the check, every byte that arrived before it has been read and
 * decoded; push messages included.
 *
 * <p>Only for the NIO transport, where the socket is a {@link SelectableChannel}; {@link #of} gives {@code null}
 * otherwise, and the caller waits for the I/O thread instead ({@link PushBarrier}).
 */
final class ChannelReads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChannelReads.class.getName());
    private static final AttributeKey<ChannelReads> KEY = AttributeKey.valueOf(ChannelReads.class.getName());
    private static final Method JAVA_CHANNEL = javaChannelMethod();
    /** The channel an I/O thread is reading, while it passes a read through the pipeline. */
    private static final ThreadLocal<Channel> READING = new ThreadLocal<>();

    private final SelectableChannel socket;
    /** Odd while a read batch is under way; written by the channel's I/O thread only. */
    private volatile long batches;
    private Selector probe;
    private boolean closed;

    ChannelReads(SelectableChannel socket) {
        this.socket = socket;
    }

    /**
     * Starts counting the read batches of a channel that was just initialized, before its first read.
     *
     * @param channel a client channel; other transports than NIO are left alone
     */
    static void install(Channel channel) {
        if (JAVA_CHANNEL == null || !(channel instanceof AbstractNioChannel)) {
            return;
        }
        SelectableChannel socket;
        try {
            socket = (SelectableChannel) JAVA_CHANNEL.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "No socket to probe for " + channel, e);
            return;
        }
        ChannelReads reads = new ChannelReads(socket);
        ChannelConfig config = channel.config();
        config.setRecvByteBufAllocator(new Counting(config.getRecvByteBufAllocator(), reads));
        channel.attr(KEY).set(reads);
        channel.pipeline().addFirst(ReadingMarker.INSTANCE);
        channel.closeFuture().addListener(done -> reads.close());
    }

    /** @return the channel whose read the calling I/O thread is passing through the pipeline, or {@code null} */
    static Channel reading() {
        return READING.get();
    }

    /** @return the read counter of a channel {@link #install} prepared, or {@code null} */
    static ChannelReads of(Channel channel) {
        return channel == null ? null : channel.attr(KEY).get();
    }

    /**
     * @return {@code true} if, during this call, no read batch was under way and the socket had nothing to read:
     *         everything that arrived before the call has been handled; {@code false} if that cannot be told
     */
    boolean drained() {
        long before = batches;
        if ((before & 1) != 0) {
            return false;
        }
        synchronized (this) {
            try {
                if (closed) {
                    return false;
                }
                if (probe == null) {
                    probe = Selector.open();
                    socket.register(probe, SelectionKey.OP_READ);
                }
                int ready = probe.selectNow();
                probe.selectedKeys().clear();
                if (ready > 0) {
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "The socket could not be probed", e);
                return false;
            }
        }
        return batches == before;
    }

    /** On the I/O thread, before the batch's first read from the socket: the count turns odd, and changes. */
    void batchStarted() {
        long current = batches;
        batches = (current & 1) == 0 ? current + 1 : current + 2;
    }

    /** On the I/O thread, after the batch's last message went through the pipeline: the count turns even. */
    void batchEnded() {
        if ((batches & 1) != 0) {
            batches = batches + 1;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (probe != null) {
            try {
                probe.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the probe failed", e);
            }
            probe = null;
        }
    }

    private static Method javaChannelMethod() {
        try {
            Method method = AbstractNioChannel.class.getDeclaredMethod("javaChannel");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Netty's NIO channel does not give its socket; cached reads wait for the I/O thread", e);
            return null;
        }
    }

    /** Names the channel being read to what the pipeline calls during the read (a command's completion). */
    @ChannelHandler.Sharable
    private static final class ReadingMarker extends ChannelInboundHandlerAdapter {
        static final ReadingMarker INSTANCE = new ReadingMarker();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            Channel previous = READING.get();
            READING.set(context.channel());
            try {
                context.fireChannelRead(message);
            } finally {
                READING.set(previous);
            }
        }
    }

    /** The channel's own allocator, with the start and end of each read batch counted. */
    private static final class Counting implements RecvByteBufAllocator {
        private final RecvByteBufAllocator delegate;
        private final ChannelReads reads;

        Counting(RecvByteBufAllocator delegate, ChannelReads reads) {
            this.delegate = delegate;
            this.reads = reads;
        }

        @Override
        public Handle newHandle() {
            return new DelegatingHandle(delegate.newHandle()) {
                @Override
                public void reset(ChannelConfig config) {
                    reads.batchStarted();
                    super.reset(config);
                }

                @Override
                public void readComplete() {
                    super.readComplete();
                    reads.batchEnded();
                }
            };
        }
    }
}
