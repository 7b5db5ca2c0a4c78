package io.redissession.testkit;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.util.Set;

/**
 * Applies the parts of a {@link WebAppSpec} that every container supports the same way through the
 * Servlet API: the session cookie settings and, where asked, the listeners.
 */
final class WebAppInitializer implements ServletContainerInitializer {

    private final WebAppSpec app;
    private final boolean addListeners;

    WebAppInitializer(WebAppSpec app, boolean addListeners) {
        this.app = app;
        this.addListeners = addListeners;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        WebAppSpec.SessionCookieSpec cookie = app.sessionCookie();
        SessionCookieConfig config = context.getSessionCookieConfig();
        if (cookie.name() != null) {
            config.setName(cookie.name());
        }
        if (cookie.path() != null) {
            config.setPath(cookie.path());
        }
        if (cookie.domain() != null) {
            config.setDomain(cookie.domain());
        }
        if (cookie.httpOnly() != null) {
            config.setHttpOnly(cookie.httpOnly());
        }
        if (cookie.secure() != null) {
            config.setSecure(cookie.secure());
        }
        if (cookie.maxAge() != null) {
            config.setMaxAge(cookie.maxAge());
        }
        // a plain call, linked only when run: Servlet 4 (the javax build of the suites) has no setAttribute
        for (var attribute : cookie.attributes().entrySet()) {
            config.setAttribute(attribute.getKey(), attribute.getValue());
        }
        if (addListeners) {
            app.listeners().forEach(context::addListener);
        }
        app.initializerListeners().forEach(context::addListener);
    }
}
