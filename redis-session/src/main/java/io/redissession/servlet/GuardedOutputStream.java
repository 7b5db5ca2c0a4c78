package io.redissession.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;

/** A {@link ServletOutputStream} that lets its {@link CommitGuard} act before bytes may commit the response. */
final class GuardedOutputStream extends ServletOutputStream {

    private final ServletOutputStream delegate;
    private final CommitGuard guard;

    GuardedOutputStream(ServletOutputStream delegate, CommitGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void write(int b) throws IOException {
        guard.bytesComing(1);
        delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        guard.bytesComing(len);
        delegate.write(b, off, len);
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

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        delegate.setWriteListener(listener);
    }
}
