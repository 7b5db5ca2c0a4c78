package io.redissession.servlet;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.Serializers;
import io.redissession.config.SettingsParser;
import io.redissession.redis.RedisSessionStore;
import io.redissession.session.AttributeCodec;
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

/**
 * Keeps the sessions of a web application in Redis. Declare it first in the chain on {@code /*} for every
 * dispatcher type; settings come from init-params, context-params, system properties or environment variables
 * (see {@code docs/configuration.md}). Bad settings fail {@link #init}; Redis being down does not.
 */
public class RedisSessionFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(RedisSessionFilter.class.getName());

    private RedisSessionStore store;
    private SessionServices services;
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
        store = new RedisSessionStore(settings);
        services = new SessionServices(settings, store.repository(), codec, new SessionIds(),
                new SessionCookieWriter(settings), context, events, local, defaults.accessOnEveryRequest());
        store.startEvents(session -> ContextClassLoader.run(loader,
                () -> RedisHttpSession.expired(session, services).fireDestroyed()),
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
        if (store != null) {
            store.close();
        }
    }

    private static String describe(ServletContext context) {
        String path = context.getContextPath();
        return "context [" + (path == null || path.isEmpty() ? "/" : path) + "]";
    }
}
