package io.redissession.testkit;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An immutable description of one web application, deployable on any {@link ServletContainer}.
 *
 * <p>The filter, if any, is mapped to {@code /*} for every dispatcher type and runs first in the
 * chain. Filters and servlets support async. The same spec may be deployed on several containers:
 * each creates its own filter instance from the class, while a servlet or listener given as an
 * instance is shared (and a servlet instance is initialised by each container), so give a servlet
 * that keeps its {@code ServletConfig} as a {@link Supplier}.
 */
public final class WebAppSpec {

    /** The session timeout of every container's default {@code web.xml}. */
    public static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 30;

    /**
     * The filter of a web application.
     *
     * @param name the filter name
     * @param filterClass the class the container instantiates
     * @param initParams the filter init parameters
     */
    public record FilterSpec(String name, Class<? extends Filter> filterClass, Map<String, String> initParams) {
        /** Copies the parameters. */
        public FilterSpec {
            initParams = Map.copyOf(initParams);
        }
    }

    /**
     * A servlet of a web application.
     *
     * @param name the servlet name
     * @param factory gives the instance to deploy, called once per container start
     * @param urlPatterns the URL patterns mapped to it
     */
    public record ServletSpec(String name, Supplier<? extends Servlet> factory, List<String> urlPatterns) {
        /** Copies the patterns. */
        public ServletSpec {
            urlPatterns = List.copyOf(urlPatterns);
        }
    }

    /**
     * An error page: for a status code or for an exception type.
     *
     * @param status the status code, or {@code null} for an exception page
     * @param exceptionType the exception type, or {@code null} for a status page
     * @param location the path of the page inside the web application, starting with {@code /}
     */
    public record ErrorPageSpec(Integer status, Class<? extends Throwable> exceptionType, String location) {
    }

    /**
     * Optional settings of the container's {@code SessionCookieConfig}; {@code null} keeps the
     * container default.
     *
     * @param name the cookie name
     * @param path the cookie path
     * @param domain the cookie domain
     * @param httpOnly the HttpOnly flag
     * @param secure the Secure flag
     * @param maxAge the Max-Age in seconds
     * @param attributes further attributes, such as {@code SameSite}
     */
    public record SessionCookieSpec(String name, String path, String domain, Boolean httpOnly, Boolean secure,
            Integer maxAge, Map<String, String> attributes) {
        /** Copies the attributes. */
        public SessionCookieSpec {
            attributes = Map.copyOf(attributes);
        }
    }

    private final String contextPath;
    private final String displayName;
    private final FilterSpec filter;
    private final List<ServletSpec> servlets;
    private final List<EventListener> listeners;
    private final List<Class<? extends EventListener>> declaredListeners;
    private final List<EventListener> initializerListeners;
    private final Map<String, String> contextParams;
    private final int sessionTimeoutMinutes;
    private final SessionCookieSpec sessionCookie;
    private final List<ErrorPageSpec> errorPages;
    private final Path resourceBase;
    private final boolean alwaysAccessSession;
    private final ContainerAuthSpec containerAuth;

    private WebAppSpec(Builder b) {
        this.contextPath = b.contextPath;
        this.displayName = b.displayName != null ? b.displayName : contextPath.isEmpty() ? "ROOT" : contextPath.substring(1);
        this.filter = b.filter;
        this.servlets = List.copyOf(b.servlets);
        this.listeners = List.copyOf(b.listeners);
        this.declaredListeners = List.copyOf(b.declaredListeners);
        this.initializerListeners = List.copyOf(b.initializerListeners);
        this.contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.contextParams));
        this.sessionTimeoutMinutes = b.sessionTimeoutMinutes;
        this.sessionCookie = new SessionCookieSpec(b.cookieName, b.cookiePath, b.cookieDomain, b.cookieHttpOnly,
                b.cookieSecure, b.cookieMaxAge, b.cookieAttributes);
        this.errorPages = List.copyOf(b.errorPages);
        this.resourceBase = b.resourceBase;
        this.alwaysAccessSession = b.alwaysAccessSession;
        this.containerAuth = b.containerAuth;
    }

    /**
     * Starts a spec for the root context ({@code ""}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the context path: {@code ""} for the root, otherwise {@code /name}. */
    public String contextPath() {
        return contextPath;
    }

    /** Returns the display name: by default {@code ROOT} or the context path without its slash. */
    public String displayName() {
        return displayName;
    }

    /** Returns the filter, or {@code null} if there is none. */
    public FilterSpec filter() {
        return filter;
    }

    /** Returns the servlets, in declaration order. */
    public List<ServletSpec> servlets() {
        return servlets;
    }

    /** Returns the listener instances, in declaration order. */
    public List<EventListener> listeners() {
        return listeners;
    }

    /** Returns the listener classes the container instantiates as if {@code web.xml} declared them, in order. */
    public List<Class<? extends EventListener>> declaredListeners() {
        return declaredListeners;
    }

    /** Returns the listeners a {@code ServletContainerInitializer} adds with {@code addListener}, in order. */
    public List<EventListener> initializerListeners() {
        return initializerListeners;
    }

    /** Returns the context parameters, in declaration order. */
    public Map<String, String> contextParams() {
        return contextParams;
    }

    /** Returns the session timeout in minutes, {@value #DEFAULT_SESSION_TIMEOUT_MINUTES} by default. */
    public int sessionTimeoutMinutes() {
        return sessionTimeoutMinutes;
    }

    /** Returns the session cookie settings; each {@code null} field keeps the container default. */
    public SessionCookieSpec sessionCookie() {
        return sessionCookie;
    }

    /** Returns the error pages, in declaration order. */
    public List<ErrorPageSpec> errorPages() {
        return errorPages;
    }

    /** Returns the directory the app's resources ({@code WEB-INF/web.xml}, {@code WEB-INF/lib}...) come from, or null. */
    public Path resourceBase() {
        return resourceBase;
    }

    /** Returns the container's own authentication of the app (honoured by Tomcat only), or {@code null}. */
    public ContainerAuthSpec containerAuth() {
        return containerAuth;
    }

    /**
     * The container's own authentication of one URL pattern, against the container's in-memory users.
     *
     * @param method {@code BASIC} or {@code FORM}
     * @param urlPattern the protected pattern
     * @param users user name to password; every user has the role {@code user}
     * @param loginPage the FORM login page (context-relative), or {@code null} for BASIC
     * @param errorPage the FORM error page (context-relative), or {@code null} for BASIC
     */
    public record ContainerAuthSpec(String method, String urlPattern, Map<String, String> users, String loginPage,
            String errorPage) {

        /** Copies the users. */
        public ContainerAuthSpec {
            users = Map.copyOf(users);
        }
    }

    /** Returns whether Tomcat's context accesses the session of every request ({@code alwaysAccessSession}). */
    public boolean alwaysAccessSession() {
        return alwaysAccessSession;
    }

    @Override
    public String toString() {
        return "WebAppSpec[" + (contextPath.isEmpty() ? "/" : contextPath) + "]";
    }

    /** Builds a {@link WebAppSpec}; not thread-safe. */
    public static final class Builder {

        private String contextPath = "";
        private String displayName;
        private FilterSpec filter;
        private final List<ServletSpec> servlets = new ArrayList<>();
        private final List<EventListener> listeners = new ArrayList<>();
        private final List<Class<? extends EventListener>> declaredListeners = new ArrayList<>();
        private final List<EventListener> initializerListeners = new ArrayList<>();
        private final Map<String, String> contextParams = new LinkedHashMap<>();
        private int sessionTimeoutMinutes = DEFAULT_SESSION_TIMEOUT_MINUTES;
        private String cookieName;
        private String cookiePath;
        private String cookieDomain;
        private Boolean cookieHttpOnly;
        private Boolean cookieSecure;
        private Integer cookieMaxAge;
        private final Map<String, String> cookieAttributes = new LinkedHashMap<>();
        private final List<ErrorPageSpec> errorPages = new ArrayList<>();
        private Path resourceBase;
        private boolean alwaysAccessSession;
        private ContainerAuthSpec containerAuth;

        private Builder() {
        }

        /**
         * Sets the context path.
         *
         * @param contextPath {@code ""} or {@code "/"} for the root, otherwise {@code /name} without a
         *     trailing slash; not {@code null}
         * @return this builder
         */
        public Builder contextPath(String contextPath) {
            Objects.requireNonNull(contextPath, "contextPath");
            String path = contextPath.equals("/") ? "" : contextPath;
            if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
                throw new IllegalArgumentException("contextPath: [" + contextPath + "] must be \"\" or start with / and not end with /");
            }
            this.contextPath = path;
            return this;
        }

        /**
         * Sets the display name.
         *
         * @param displayName the name, not {@code null}
         * @return this builder
         */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /**
         * Sets the one filter, mapped to {@code /*} first in the chain for every dispatcher type.
         *
         * @param name the filter name, not {@code null}
         * @param filterClass the class to instantiate, with a public no-argument constructor; not {@code null}
         * @param initParams the init parameters, not {@code null}
         * @return this builder
         * @throws IllegalStateException if a filter was already set
         */
        public Builder filter(String name, Class<? extends Filter> filterClass, Map<String, String> initParams) {
            if (filter != null) {
                throw new IllegalStateException("filter: [" + filter.name() + "] is already set; a web app has at most one filter");
            }
            filter = new FilterSpec(Objects.requireNonNull(name, "name"), Objects.requireNonNull(filterClass, "filterClass"),
                    Objects.requireNonNull(initParams, "initParams"));
            return this;
        }

        /**
         * Adds a servlet instance; every container hosting this spec initialises the same instance.
         *
         * @param name the servlet name, unique in the web app; not {@code null}
         * @param servlet the instance, not {@code null}
         * @param urlPatterns at least one URL pattern
         * @return this builder
         */
        public Builder servlet(String name, Servlet servlet, String... urlPatterns) {
            Objects.requireNonNull(servlet, "servlet");
            return servlet(name, () -> servlet, urlPatterns);
        }

        /**
         * Adds a servlet created by a factory, called once per container start.
         *
         * @param name the servlet name, unique in the web app; not {@code null}
         * @param factory gives the instance, not {@code null}
         * @param urlPatterns at least one URL pattern
         * @return this builder
         */
        public Builder servlet(String name, Supplier<? extends Servlet> factory, String... urlPatterns) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
            if (urlPatterns.length == 0) {
                throw new IllegalArgumentException("servlet: [" + name + "] needs at least one URL pattern");
            }
            if (servlets.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("servlet: the name [" + name + "] is already used");
            }
            servlets.add(new ServletSpec(name, factory, List.of(urlPatterns)));
            return this;
        }

        /**
         * Adds a listener instance, such as an {@code HttpSessionListener}.
         *
         * @param listener the instance, not {@code null}
         * @return this builder
         */
        public Builder listener(EventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Declares a listener class, as {@code <listener>} in {@code web.xml} does: each container creates its own
         * instance, which may itself register listeners with {@code ServletContext.addListener}.
         *
         * @param type the class, with a public no-argument constructor; not {@code null}
         * @return this builder
         */
        public Builder declaredListener(Class<? extends EventListener> type) {
            declaredListeners.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Adds a listener instance that a {@code ServletContainerInitializer} registers with
         * {@code ServletContext.addListener}, on every container.
         *
         * @param listener the instance, not {@code null}
         * @return this builder
         */
        public Builder initializerListener(EventListener listener) {
            initializerListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a context parameter.
         *
         * @param name the name, not {@code null}
         * @param value the value, not {@code null}
         * @return this builder
         */
        public Builder contextParam(String name, String value) {
            contextParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the session timeout of the web app ({@code <session-config>}).
         *
         * @param minutes the timeout in minutes; zero or less means sessions never time out
         * @return this builder
         */
        public Builder sessionTimeoutMinutes(int minutes) {
            this.sessionTimeoutMinutes = minutes;
            return this;
        }

        /**
         * Sets the name of the session cookie.
         *
         * @param name the cookie name, not {@code null}
         * @return this builder
         */
        public Builder sessionCookieName(String name) {
            this.cookieName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the path of the session cookie.
         *
         * @param path the cookie path, not {@code null}
         * @return this builder
         */
        public Builder sessionCookiePath(String path) {
            this.cookiePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Sets the domain of the session cookie.
         *
         * @param domain the cookie domain, not {@code null}
         * @return this builder
         */
        public Builder sessionCookieDomain(String domain) {
            this.cookieDomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /**
         * Sets the HttpOnly flag of the session cookie.
         *
         * @param httpOnly the flag
         * @return this builder
         */
        public Builder sessionCookieHttpOnly(boolean httpOnly) {
            this.cookieHttpOnly = httpOnly;
            return this;
        }

        /**
         * Sets the Secure flag of the session cookie.
         *
         * @param secure the flag
         * @return this builder
         */
        public Builder sessionCookieSecure(boolean secure) {
            this.cookieSecure = secure;
            return this;
        }

        /**
         * Sets the Max-Age of the session cookie.
         *
         * @param seconds the Max-Age; {@code -1} for a browser-session cookie
         * @return this builder
         */
        public Builder sessionCookieMaxAge(int seconds) {
            this.cookieMaxAge = seconds;
            return this;
        }

        /**
         * Sets another attribute of the session cookie, such as {@code SameSite}.
         *
         * @param name the attribute name, not {@code null}
         * @param value the value, not {@code null}
         * @return this builder
         */
        public Builder sessionCookieAttribute(String name, String value) {
            cookieAttributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds an error page for a status code.
         *
         * @param status the status code, such as {@code 404}
         * @param location the page path inside the web app, starting with {@code /}
         * @return this builder
         */
        public Builder errorPage(int status, String location) {
            errorPages.add(new ErrorPageSpec(status, null, checkLocation(location)));
            return this;
        }

        /**
         * Adds an error page for an exception type.
         *
         * @param exceptionType the exception type, not {@code null}
         * @param location the page path inside the web app, starting with {@code /}
         * @return this builder
         */
        public Builder errorPage(Class<? extends Throwable> exceptionType, String location) {
            errorPages.add(new ErrorPageSpec(null, Objects.requireNonNull(exceptionType, "exceptionType"), checkLocation(location)));
            return this;
        }

        /**
         * Serves the app's resources from a directory, as an unpacked WAR: {@code ServletContext.getResource} and
         * {@code getResourcePaths} see its files. The containers do not process its descriptors.
         *
         * @param directory an existing directory; not {@code null}
         * @return this builder
         */
        public Builder resourceBase(Path directory) {
            this.resourceBase = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Protects a URL pattern with the container's BASIC authentication (honoured by Tomcat only), so that
         * {@code getRemoteUser()} names the user.
         *
         * @param urlPattern the protected pattern, such as {@code /secure/*}
         * @param users user name to password; every user has the role {@code user}
         * @return this builder
         */
        public Builder basicAuth(String urlPattern, Map<String, String> users) {
            this.containerAuth = new ContainerAuthSpec("BASIC", urlPattern, users, null, null);
            return this;
        }

        /**
         * Protects a URL pattern with the container's FORM authentication (honoured by Tomcat only): the container
         * keeps the login in its own session and posts the form to {@code j_security_check}.
         *
         * @param urlPattern the protected pattern
         * @param users user name to password; every user has the role {@code user}
         * @param loginPage the context-relative path of the login page, outside the protected pattern
         * @param errorPage the context-relative path of the page shown after a failed login
         * @return this builder
         */
        public Builder formAuth(String urlPattern, Map<String, String> users, String loginPage, String errorPage) {
            this.containerAuth = new ContainerAuthSpec("FORM", urlPattern, users, loginPage, errorPage);
            return this;
        }

        /**
         * Sets Tomcat's context attribute {@code alwaysAccessSession} (what its strict compliance mode turns on):
         * every request that carries a session id accesses that session. The other containers ignore it.
         *
         * @param always whether to access the session on every request
         * @return this builder
         */
        public Builder alwaysAccessSession(boolean always) {
            this.alwaysAccessSession = always;
            return this;
        }

        /**
         * Builds the immutable spec.
         *
         * @return the spec
         */
        public WebAppSpec build() {
            return new WebAppSpec(this);
        }

        private static String checkLocation(String location) {
            if (location == null || !location.startsWith("/")) {
                throw new IllegalArgumentException("errorPage: location [" + location + "] must start with /");
            }
            return location;
        }
    }
}
