package io.redissession.servlet;

/**
 * Runs an action once, just before the response may be committed: by a flush, a redirect, an error, or written
 * content reaching the buffer size or the declared content length. The counts are conservative: the action may run
 * a little early, never late.
 */
final class CommitGuard {

    /** Worst-case bytes per character written through the writer (UTF-8, BMP). */
    private static final int BYTES_PER_CHAR = 3;

    private final Runnable beforeCommit;
    private long written;
    private long contentLength = -1;
    private int bufferSize;
    private boolean done;

    CommitGuard(Runnable beforeCommit, int bufferSize) {
        this.beforeCommit = beforeCommit;
        this.bufferSize = bufferSize;
    }

    synchronized void fire() {
        if (!done) {
            done = true;
            beforeCommit.run();
        }
    }

    void bytesComing(long count) {
        check(count);
    }

    void charsComing(long count) {
        check(count * BYTES_PER_CHAR);
    }

    private synchronized void check(long count) {
        if (done) {
            return;
        }
        written += count;
        if (written >= bufferSize || (contentLength >= 0 && written >= contentLength)) {
            fire();
        }
    }

    synchronized void contentLength(long length) {
        contentLength = length;
        if (length >= 0 && written >= length) {
            fire();
        }
    }

    synchronized void bufferSize(int size) {
        bufferSize = size;
    }

    synchronized void reset() {
        written = 0;
    }
}
