package io.redissession.tools;

import io.redissession.redis.SessionWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code redis-session watch}: prints sessions created, destroyed and given a new id on any node, as they happen,
 * until interrupted, {@code --count} notices or {@code --for} a while.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Live notices of a namespace: sessions created, destroyed (with the reason) and given a new id,"
                + " on any node. Runs until Ctrl-C, --count or --for.")
final class WatchCommand extends NamespaceCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--count", description = "Stop after this many notices.")
    Integer count;

    @Option(names = "--for", description = "Stop after this long (ISO-8601, such as PT10M).")
    Duration duration;

    @Option(names = "--json", description = "Print one JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        PrintWriter out = out();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        return Catalogs.connected(cli, (connector, timeout) -> {
            try (SessionWatch watch = new SessionWatch(connector, cli.keyPrefix, namespace,
                    "redis-session-cli-" + ProcessHandle.current().pid())) {
                watch.start(notice -> {
                    synchronized (out) {
                        if (json) {
                            out.println(Output.jsonLine(new Printed(Instant.now().toString(), notice)));
                        } else {
                            out.println(Instant.now() + "  " + String.format("%-10s", notice.kind()) + "  "
                                    + notice.id() + (notice.newId() != null ? " -> " + notice.newId() : "")
                                    + (notice.reason() != null ? "  " + notice.reason() : "") + "  node="
                                    + notice.node());
                        }
                        out.flush();
                    }
                    if (count != null && seen.incrementAndGet() >= count) {
                        done.countDown();
                    }
                });
                err().println("watching " + namespace + " (Ctrl-C to stop)");
                err().flush();
                if (duration != null) {
                    done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    done.await();
                }
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        });
    }

    /** A notice with the time it was received, as {@code --json} prints it. */
    record Printed(String time, SessionWatch.Notice notice) {
    }
}
