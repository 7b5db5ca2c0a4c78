package io.redissession.redis;

import io.lettuce.core.resource.ThreadFactoryProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The threads a connector's Redis client starts, ended with it: a thread that outlives its web app holds the app's
 * class loader, so each redeploy would leak one (containers warn of it when the app stops). Lettuce's threads are
 * made here and joined once the client is shut down; Reactor's shared schedulers, which Lettuce uses for timeouts
 * (a Sentinel lookup, for example), are shut down and joined when the last connector of this class loader closes.
 */
final class ClientThreads implements ThreadFactoryProvider {

    private static final Logger LOG = Logger.getLogger(ClientThreads.class.getName());
    /** Name prefixes of the threads of Reactor's shared schedulers. */
    private static final List<String> REACTOR_THREADS = List.of("parallel-", "boundedElastic-", "single-");
    /** Connectors of this class loader not closed yet. */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    /** Counts a connector as open: call once per instance, then {@link #end} when it closes. */
    ClientThreads() {
        OPEN.incrementAndGet();
    }

    @Override
    public ThreadFactory getThreadFactory(String poolName) {
        // what Lettuce itself uses (daemon threads named after the pool), remembering each thread
        ThreadFactory threads = new DefaultThreadFactory(poolName, true);
        return task -> {
            Thread thread = threads.newThread(task);
            started.add(thread);
            return thread;
        };
    }

    /**
     * Waits for the client's threads to end, after the client and its resources were shut down; the last connector
     * also shuts Reactor's shared schedulers down and waits for their threads. Only the first call does anything.
     *
     * @param wait at most this long in all
     */
    void end(Duration wait) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        boolean last = OPEN.decrementAndGet() == 0;
        if (last) {
            Schedulers.shutdownNow();
        }
        for (Thread thread : started) {
            join(thread, deadline);
        }
        started.clear();
        if (last) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (isReactors(thread)) {
                    join(thread, deadline);
                }
            }
        }
    }

    private boolean isReactors(Thread thread) {
        return thread.getContextClassLoader() == loader
                && REACTOR_THREADS.stream().anyMatch(prefix -> thread.getName().startsWith(prefix));
    }

    private static void join(Thread thread, long deadline) {
        long left = deadline - System.nanoTime();
        if (thread == Thread.currentThread() || left <= 0) {
            return;
        }
        try {
            thread.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            LOG.fine("Thread " + thread.getName() + " of the Redis client still runs after the shutdown");
        }
    }
}
