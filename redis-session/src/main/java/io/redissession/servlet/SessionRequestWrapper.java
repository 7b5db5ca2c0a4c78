package io.redissession.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * Gives the application Redis-backed sessions through the standard request methods. Asynchronous processing
 * started on this request keeps these wrappers, so every dispatch sees the same session.
 */
final class SessionRequestWrapper extends HttpServletRequestWrapper {

    private final RequestSessions sessions;
    private final SessionResponseWrapper response;
    private AsyncContext asyncContext;

    SessionRequestWrapper(HttpServletRequest request, RequestSessions sessions, SessionResponseWrapper response) {
        super(request);
        this.sessions = sessions;
        this.response = response;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return sessions.session(create);
    }

    @Override
    public HttpSession getSession() {
        return sessions.session(true);
    }

    @Override
    public String changeSessionId() {
        return sessions.changeId();
    }

    @Override
    public String getRequestedSessionId() {
        return sessions.requestedId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return sessions.requestedIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return sessions.requested().fromCookie(sessions.requestedId());
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return sessions.requested().fromUrl(sessions.requestedId());
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public synchronized AsyncContext startAsync(ServletRequest request, ServletResponse servletResponse) {
        AsyncContext context = super.startAsync(request, servletResponse);
        if (asyncContext == null) {
            asyncContext = new SessionAsyncContext(context, sessions);
        }
        return asyncContext;
    }

    @Override
    public synchronized AsyncContext getAsyncContext() {
        return asyncContext != null ? asyncContext : super.getAsyncContext();
    }
}
