package io.redissession.events;

import java.util.EventListener;

/**
 * Receives the {@link SessionNotice}s of every node sharing the namespace, on a Redis client thread: return quickly.
 * Register one with {@code io.redissession.servlet.RedisSessionListeners}.
 */
@FunctionalInterface
public interface SessionNoticeListener extends EventListener {

    /**
     * @param notice what happened; not {@code null}
     */
    void onNotice(SessionNotice notice);
}
