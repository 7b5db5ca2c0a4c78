package io.redissession.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the client's I/O threads have read what Redis had already sent: every push message that reached this
 * machine before {@link #pass} was called has been handled when it returns {@code true}.
 *
 * <p>Redis writes an invalidation to this node's connection while it runs the write that causes it, before the
 * writer's reply leaves; a request that follows that write (the same browser, after the writer's response) can
 * still reach this node before an I/O thread has read the invalidation. {@link #pass} closes that window without a
 * round trip: on each I/O thread it runs a task that schedules a second task, and an event loop runs a scheduled
 * task only after its next poll of the sockets, which reads what arrived before.
 */
final class PushBarrier implements AutoCloseable {

    private final ClientResources resources;
    private final EventLoopGroup group;
    private final long timeoutNanos;

    /**
     * @param resources the client's resources, whose I/O threads serve its connections; not {@code null}
     * @param timeout how long {@link #pass} waits for the I/O threads
     */
    PushBarrier(ClientResources resources, Duration timeout) {
        this.resources = resources;
        this.group = resources.eventLoopGroupProvider().allocate(Transports.eventLoopGroupClass());
        this.timeoutNanos = timeout.toNanos();
    }

    /** @return the I/O thread the caller runs on, or {@code null} if it is not one of the client's */
    EventExecutor currentLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return null;
    }

    /**
     * @param loop the I/O thread that serves the connection to wait for, or {@code null} for all of them
     * @return whether the thread (or every one) polled its sockets after this call began, within the timeout;
     *         {@code false} also if the threads are stopping or the caller was interrupted
     */
    boolean pass(EventExecutor loop) {
        List<EventExecutor> loops = new ArrayList<>();
        if (loop != null) {
            loops.add(loop);
        } else {
            group.forEach(loops::add);
        }
        CountDownLatch polled = new CountDownLatch(loops.size());
        try {
            for (EventExecutor each : loops) {
                each.execute(() -> each.schedule(polled::countDown, 0, TimeUnit.NANOSECONDS));
            }
            return polled.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives the I/O threads back to the client's resources. */
    @Override
    public void close() {
        resources.eventLoopGroupProvider().release(group, 0, 2, TimeUnit.SECONDS);
    }
}
