package io.redissession.redis;

import io.lettuce.core.RedisFuture;
import io.redissession.SessionStoreUnavailableException;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the replies of pipelined commands under one shared deadline. */
final class PipelinedReplies {

    private PipelinedReplies() {
    }

    /**
     * @param future a pipelined command's reply
     * @param deadline {@link System#nanoTime()} by which every reply of the batch must be in
     * @param operation what the batch does, for messages
     * @param timeout the command timeout, for messages
     * @return the reply
     * @throws SessionStoreUnavailableException if it is not in by the deadline, failed, or the wait was interrupted
     */
    static <T> T await(RedisFuture<T> future, long deadline, String operation, Duration timeout) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreUnavailableException(operation, "interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SessionStoreUnavailableException(operation, "Redis did not answer within "
                    + timeout.toMillis() + " ms: " + e.getMessage(), e);
        }
    }
}
