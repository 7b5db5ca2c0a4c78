package io.redissession.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link AsyncContext} of a request whose session lives in Redis: {@link #complete()} commits the session
 * before the response completes, and a listener commits whatever is left if the cycle ends another way.
 */
final class SessionAsyncContext implements AsyncContext {

    private static final Logger LOG = Logger.getLogger(SessionAsyncContext.class.getName());

    private final AsyncContext delegate;
    private final RequestSessions sessions;

    SessionAsyncContext(AsyncContext delegate, RequestSessions sessions) {
        this.delegate = delegate;
        this.sessions = sessions;
        delegate.addListener(new CommitAtEnd(sessions));
    }

    @Override
    public ServletRequest getRequest() {
        return delegate.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return delegate.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return delegate.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        delegate.dispatch();
    }

    @Override
    public void dispatch(String path) {
        delegate.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        delegate.dispatch(context, path);
    }

    @Override
    public void complete() {
        try {
            sessions.commit();
        } finally {
            delegate.complete();
        }
    }

    @Override
    public void start(Runnable run) {
        delegate.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        delegate.addListener(listener, request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return delegate.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return delegate.getTimeout();
    }

    /** Commits what the asynchronous cycle changed if it ended without {@link #complete()} or a dispatch. */
    private record CommitAtEnd(RequestSessions sessions) implements AsyncListener {

        /**
         * Never called. WildFly indexes every async listener class of a deployment as an injectable component and
         * logs a warning (WFLYEE0007) for one without a no-argument constructor.
         */
        CommitAtEnd() {
            this(null);
        }

        @Override
        public void onComplete(AsyncEvent event) {
            commitQuietly();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            commitQuietly();
        }

        @Override
        public void onError(AsyncEvent event) {
            commitQuietly();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

        private void commitQuietly() {
            try {
                sessions.commit();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Saving the session at the end of an asynchronous request failed", e);
            }
        }
    }
}
