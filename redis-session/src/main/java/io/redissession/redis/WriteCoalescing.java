package io.redissession.redis;

import io.lettuce.core.protocol.CommandEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Sends the commands that reach a connection within one turn of its I/O thread in one socket write. Lettuce flushes
 * each command on its own, so concurrent requests on the shared connection cost Redis one read (and the client one
 * write) per command; coalesced, they cost one per batch: Redis handles the batch in one pass and answers it in one
 * write. A command waits at most until its I/O thread finishes the tasks already queued (commands sent while a reply
 * is being read go out when the read ends). Measured in docs/benchmarks.md.
 */
final class WriteCoalescing {

    /** Flushes at once after this many held commands, so that a long burst does not grow one unbounded write. */
    static final int MOST_HELD = 256;

    private WriteCoalescing() {
    }

    /**
     * Adds the coalescing to a channel Lettuce just initialized, before its command encoder, so that it sees the
     * decoded side of TLS and holds the commands' bytes, not the encrypted records.
     *
     * @param channel a Lettuce connection's channel
     */
    static void install(Channel channel) {
        ChannelHandlerContext encoder = channel.pipeline().context(CommandEncoder.class);
        FlushConsolidationHandler coalescing = new FlushConsolidationHandler(MOST_HELD, true);
        if (encoder != null) {
            channel.pipeline().addBefore(encoder.name(), "redis-session-write-coalescing", coalescing);
        } else {
            channel.pipeline().addFirst("redis-session-write-coalescing", coalescing);
        }
    }
}
