package io.redissession.servlet;

import java.io.IOException;
import java.io.Writer;

/** A {@link Writer} that lets its {@link CommitGuard} act before characters may commit the response. */
final class GuardedWriter extends Writer {

    private final Writer delegate;
    private final CommitGuard guard;

    GuardedWriter(Writer delegate, CommitGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void write(char[] buffer, int off, int len) throws IOException {
        guard.charsComing(len);
        delegate.write(buffer, off, len);
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        guard.charsComing(len);
        delegate.write(text, off, len);
    }

    @Override
    public void write(int c) throws IOException {
        guard.charsComing(1);
        delegate.write(c);
    }

    @Override
    public void flush() throws IOException {
        guard.fire();
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        guard.fire();
        delegate.close();
    }
}
