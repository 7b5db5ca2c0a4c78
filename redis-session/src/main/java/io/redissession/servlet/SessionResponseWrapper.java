package io.redissession.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Commits the request's session changes (and cookie) before anything can commit the response, so the browser's
 * next request always sees them; rewrites URLs with the session id when URL tracking is on.
 */
final class SessionResponseWrapper extends HttpServletResponseWrapper {

    private final RequestSessions sessions;
    private final SessionServices services;
    private final HttpServletRequest request;
    private final CommitGuard guard;
    private GuardedOutputStream outputStream;
    private PrintWriter writer;

    SessionResponseWrapper(HttpServletResponse response, HttpServletRequest request, RequestSessions sessions,
            SessionServices services) {
        super(response);
        this.request = request;
        this.sessions = sessions;
        this.services = services;
        this.guard = new CommitGuard(sessions::commit, response.getBufferSize());
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (outputStream == null) {
            outputStream = new GuardedOutputStream(super.getOutputStream(), guard);
        }
        return outputStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new GuardedWriter(super.getWriter(), guard));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        guard.fire();
        super.flushBuffer();
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        guard.fire();
        super.sendRedirect(location);
    }

    // Servlet 6.1 added the three overloads below. They are declared without @Override because this library
    // compiles against Servlet 6.0: on a 6.1 container they override the wrapper's, which would otherwise commit
    // the response before the session is saved.

    /**
     * Servlet 6.1: saves the session, then redirects with a status and, if asked, keeps the buffer.
     *
     * @param location the redirect location
     * @param status the 3xx status
     * @param clearBuffer whether to clear the response buffer
     * @throws IOException if the response fails
     */
    public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
        guard.fire();
        Servlet61Redirects.sendRedirect((HttpServletResponse) getResponse(), location, status, clearBuffer);
    }

    /**
     * Servlet 6.1: {@code sendRedirect(location, status, true)}.
     *
     * @param location the redirect location
     * @param status the 3xx status
     * @throws IOException if the response fails
     */
    public void sendRedirect(String location, int status) throws IOException {
        sendRedirect(location, status, true);
    }

    /**
     * Servlet 6.1: {@code sendRedirect(location, 302, clearBuffer)}.
     *
     * @param location the redirect location
     * @param clearBuffer whether to clear the response buffer
     * @throws IOException if the response fails
     */
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        sendRedirect(location, SC_FOUND, clearBuffer);
    }

    @Override
    public void sendError(int sc) throws IOException {
        guard.fire();
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        guard.fire();
        super.sendError(sc, msg);
    }

    @Override
    public void setContentLength(int len) {
        super.setContentLength(len);
        guard.contentLength(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        super.setContentLengthLong(len);
        guard.contentLength(len);
    }

    @Override
    public void setBufferSize(int size) {
        super.setBufferSize(size);
        guard.bufferSize(getBufferSize());
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        guard.reset();
    }

    @Override
    public void reset() {
        super.reset();
        guard.reset();
    }

    @Override
    public String encodeURL(String url) {
        return encode(url);
    }

    @Override
    public String encodeRedirectURL(String url) {
        return encode(url);
    }

    private String encode(String url) {
        if (url == null || !services.urlTracking()) {
            return url;
        }
        RedisHttpSession session = sessions.currentIfValid();
        if (session == null || sessions.requested().fromCookie(session.getId()) || !sameApplication(url)) {
            return url;
        }
        int end = url.length();
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (fragment >= 0) {
            end = fragment;
        }
        if (query >= 0 && query < end) {
            end = query;
        }
        String path = url.substring(0, end);
        String marker = ";" + services.settings().cookieName() + "=";
        int existing = path.indexOf(marker);
        if (existing >= 0) {
            path = path.substring(0, existing);
        }
        return path + marker + session.getId() + url.substring(end);
    }

    private boolean sameApplication(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null && uri.getHost() == null) {
                return !url.startsWith("//");
            }
            String scheme = uri.getScheme() == null ? request.getScheme() : uri.getScheme();
            int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equalsIgnoreCase(scheme) ? 443 : 80);
            return scheme.equalsIgnoreCase(request.getScheme()) && request.getServerName().equalsIgnoreCase(
                    uri.getHost()) && port == request.getServerPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
