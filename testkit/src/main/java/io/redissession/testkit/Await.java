package io.redissession.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a check until it yields a result or a timeout passes. */
final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /**
     * Polls {@code check} every 50 ms until it returns a non-null result. A check that returns
     * {@code null} or throws means "not yet"; a check that throws {@link IllegalStateException} with a
     * message describing what is still missing makes the timeout message clear.
     *
     * @param timeout how long to poll
     * @param what what is awaited, for the message, such as {@code "cluster_state:ok on every node"}
     * @param check the check
     * @return the first non-null result
     * @throws IllegalStateException naming {@code what} and the last "not yet" reason on timeout
     */
    static <T> T until(Duration timeout, String what, Supplier<T> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T result = check.get();
                if (result != null) {
                    return result;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Waited " + timeout.toMillis() + " ms for " + what + " in vain"
                        + (last == null ? "" : "; last check: " + last.getMessage()), last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
