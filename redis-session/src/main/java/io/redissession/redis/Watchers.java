package io.redissession.redis;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether an operator watches the namespace ({@code redis-session watch}, the console): a watcher sends
 * {@code watching <name>} on the notice channel every {@link #ANNOUNCE_EVERY}, and while one was heard within
 * {@link #HEARD_FOR}, this node also publishes a {@code created <id> <node>} notice for each session it creates.
 * Unwatched, creations cost Redis nothing more.
 */
public final class Watchers {

    /** How often a watcher announces itself. */
    public static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(20);
    /** How long after an announcement creations are published. */
    static final Duration HEARD_FOR = ANNOUNCE_EVERY.multipliedBy(3);
    /** The first word of a watcher's announcement. */
    public static final String ANNOUNCEMENT = "watching";

    private final LongSupplier clock;
    private volatile long watchedUntil;

    Watchers(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * @param message a message of the notice channel; not {@code null}
     * @return whether it was a watcher's announcement (then noted)
     */
    boolean heard(String message) {
        if (!message.startsWith(ANNOUNCEMENT + " ")) {
            return false;
        }
        watchedUntil = clock.getAsLong() + HEARD_FOR.toMillis();
        return true;
    }

    /** @return whether a watcher announced itself recently */
    boolean active() {
        return clock.getAsLong() < watchedUntil;
    }
}
