package io.redissession.servlet;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.Serializers;
import io.redissession.config.SettingsParser;
import io.redissession.metrics.MicrometerSupport;
import io.redissession.metrics.SessionMetrics;
import io.redissession.metrics.Sessions;
import io.redissession.redis.RedisSessionStore;
import io.redissession.session.AttributeCodec;
import io.redissession.session.EndReason;
import io.redissession.session.NodeLocalValues;
import io.redissession.session.SessionIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * Keeps the sessions of a web application in Redis. Declare it first in the chain on {@code /*} for every
 * dispatcher type; settings come from init-params, context-params, system properties or environment variables
 * (see {@code docs/configuration.md}). Bad settings fail {@link #init}; Redis being down does not.
 */
public class RedisSessionFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(RedisSessionFilter.class.getName());

    private RedisSessionStore store;
    private SessionServices services;
    private ObjectName mbean;
    private AutoCloseable meters;
    private ServletContext context;
    /** The request attribute of this filter's per-request state: each context has its own, even in one dispatch. */
    private final String requestKey = RequestSessions.class.getName() + "@"
            + Integer.toHexString(System.identityHashCode(this));

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        RedisSessionSettings settings = SettingsParser.parse(ServletSettingSources.of(config));
        ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
                : Thread.currentThread().getContextClassLoader();
        AttributeCodec codec = new AttributeCodec(Serializers.create(settings, loader), loader);
        SessionListeners listeners = SessionListeners.of(context);
        ListenerFinder.register(context, settings, loader, listeners);
        SessionEvents events = new SessionEvents(listeners);
        ContainerDefaults defaults = ContainerDefaults.of(context, settings);
        NodeLocalValues local = new NodeLocalValues(defaults.distributable(), System::currentTimeMillis);
        store = new RedisSessionStore(settings, defaults.touchShare());
        RedisSessionStore started = store;
        SessionMetrics metrics = new SessionMetrics(settings.sessionNamespace(), started.node(),
                started::activeSessions);
        store.metrics(metrics);
        Logins logins = new Logins(store.repository(), settings.login(), metrics);
        SessionCookieWriter cookies = new SessionCookieWriter(settings);
        services = new SessionServices(settings, store.repository(), codec, new SessionIds(), cookies, context,
                events, local, defaults.accessOnEveryRequest(), logins, settings.nearCache().enabled()
                        ? new WriteStamps(settings.cookieName(), cookies) : null);
        logins.destroyedEvents(session -> ContextClassLoader.run(loader,
                () -> RedisHttpSession.expired(session, services).fireDestroyed()));
        this.context = context;
        context.setAttribute(RedisSessions.class.getName(), new RedisSessions(logins));
        mbean = new Sessions(metrics, logins).register(context.getContextPath(), store.node());
        meters = MicrometerSupport.bindIfPresent(metrics);
        store.startEvents((session, reason) -> ContextClassLoader.run(loader, () -> {
                    metrics.destroyed(Logins.destroyReason(reason));
                    RedisHttpSession.expired(session, services).fireDestroyed();
                }),
                notice -> {
                    local.onNotice(notice);
                    ContextClassLoader.run(loader, () -> events.notice(notice));
                });
        LOG.info("redis-session filter started for " + describe(context) + " as node " + store.node() + ": "
                + settings + "; " + defaults.reasons());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest)
                || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        RequestSessions sessions = request.getAttribute(requestKey) instanceof RequestSessions known
                && known.services() == services ? known : null;
        if (sessions == null) {
            sessions = new RequestSessions(services, httpRequest, httpResponse);
            request.setAttribute(requestKey, sessions);
            DispatcherType type = request.getDispatcherType();
            if (type == DispatcherType.FORWARD || type == DispatcherType.INCLUDE) {
                CrossContextHandOff.enterFromAnotherApplication(request);
            }
        }
        if (redirectedAsLoggedOutElsewhere(sessions, httpRequest, httpResponse)) {
            return;
        }
        SessionResponseWrapper wrappedResponse = new SessionResponseWrapper(httpResponse, httpRequest, sessions,
                services);
        SessionRequestWrapper wrappedRequest = new SessionRequestWrapper(httpRequest, sessions, wrappedResponse);
        sessions.enter();
        Throwable failure = null;
        try {
            chain.doFilter(wrappedRequest, wrappedResponse);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (sessions.exit() == 0 && !request.isAsyncStarted()) {
                commit(sessions, failure);
            }
        }
    }

    /**
     * With {@code loggedOutElsewhereUrl} set, looks up the session of a request that carries an id before the
     * application runs, and redirects the first request of a session the login policy ended to that URL.
     *
     * @return whether the request was redirected
     */
    private boolean redirectedAsLoggedOutElsewhere(RequestSessions sessions, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String url = services.settings().login().loggedOutElsewhereUrl();
        if (url == null || request.getDispatcherType() != DispatcherType.REQUEST
                || sessions.requested().candidates().isEmpty()) {
            return false;
        }
        String target = url.startsWith("/") ? request.getContextPath() + url : url;
        if (url.startsWith("/") && request.getRequestURI().equals(target)) {
            return false;
        }
        if (!EndReason.LOGGED_OUT.label().equals(sessions.endedBy())) {
            return false;
        }
        response.sendRedirect(target);
        return true;
    }

    private static void commit(RequestSessions sessions, Throwable failure) {
        try {
            sessions.commit();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    @Override
    public void destroy() {
        Sessions.unregister(mbean);
        if (meters != null) {
            try {
                meters.close();
            } catch (Exception e) {
                LOG.log(java.util.logging.Level.FINE, "Removing the Micrometer meters failed", e);
            }
        }
        if (context != null) {
            context.removeAttribute(RedisSessions.class.getName());
        }
        if (store != null) {
            store.close();
        }
    }

    private static String describe(ServletContext context) {
        String path = context.getContextPath();
        return "context [" + (path == null || path.isEmpty() ? "/" : path) + "]";
    }
}
