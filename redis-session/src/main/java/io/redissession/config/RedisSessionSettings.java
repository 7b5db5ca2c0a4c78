package io.redissession.config;

import io.redissession.serializer.JdkSerializer;
import io.redissession.serializer.TypeAllowList;
import io.redissession.session.FlushMode;
import io.redissession.session.SaveMode;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the session filter, immutable and validated. Built with {@link #builder()}, usually by
 * {@link SettingsParser}; each setting is documented in {@code docs/configuration.md}.
 */
public final class RedisSessionSettings {

    /** Default {@code redisUri}. */
    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";
    /** Default {@code keyPrefix}: first part of every Redis key. */
    public static final String DEFAULT_KEY_PREFIX = "redis-session";
    /** Default {@code maxInactiveInterval} when the container gives none: 30 minutes. */
    public static final int DEFAULT_MAX_INACTIVE_INTERVAL = 1800;
    /** Default {@code flush}. */
    public static final FlushMode DEFAULT_FLUSH = FlushMode.ON_RESPONSE;
    /** Default {@code saveMode}. */
    public static final SaveMode DEFAULT_SAVE_MODE = SaveMode.ON_SET;
    /** Default {@code serializer}. */
    public static final String DEFAULT_SERIALIZER = "jdk";
    /** Default {@code redisTimeout}: the longest a request waits for one Redis command. */
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofSeconds(2);
    /** Default {@code connectTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default {@code writeAckTimeout}: how long a write waits for replicas when {@code writeAckReplicas > 0}. */
    public static final Duration DEFAULT_WRITE_ACK_TIMEOUT = Duration.ofMillis(500);
    /**
     * Default {@code failoverWait}: how long requests wait for Redis to come back while it is unreachable or failing
     * over. Covers a Redis Cluster failover under the default {@code cluster-node-timeout} (15 s) plus the election,
     * and a Sentinel failover with {@code down-after-milliseconds} up to about 15 s; stays below the 30 to 60 s after
     * which proxies and browsers commonly give up.
     */
    public static final Duration DEFAULT_FAILOVER_WAIT = Duration.ofSeconds(20);
    /** The longest {@code failoverWait} accepted. */
    public static final Duration MAX_FAILOVER_WAIT = Duration.ofMinutes(5);
    /** Default {@code expiryCheckInterval}: how often each node looks for sessions past their deadline. */
    public static final Duration DEFAULT_EXPIRY_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Default {@code expiryRetention}: how long an expired session waits in Redis for a node to destroy it. */
    public static final Duration DEFAULT_EXPIRY_RETENTION = Duration.ofHours(1);
    /**
     * Default {@code largeAttributeSize}, in bytes: serialized values larger than this are kept apart from the
     * session hash and read only when a request reads them. A session of many kilobyte-sized values then costs a
     * request that reads a few of them a few kilobytes of Redis traffic instead of all of them.
     */
    public static final int DEFAULT_LARGE_ATTRIBUTE_SIZE = 1024;
    /** The smallest positive {@code largeAttributeSize} accepted, in bytes. */
    public static final int MIN_LARGE_ATTRIBUTE_SIZE = 64;
    /** Prefix of the default cookie name, followed by the namespace. */
    public static final String DEFAULT_COOKIE_NAME_PREFIX = "RSESSION_";
    /** Default {@code cookiePath}: the whole host, so apps sharing a namespace share the cookie. */
    public static final String DEFAULT_COOKIE_PATH = "/";
    /** Default {@code cookieSameSite}. */
    public static final String DEFAULT_COOKIE_SAME_SITE = "Lax";

    static final String NAMESPACE_PATTERN = "[A-Za-z0-9._-]{1,64}";
    static final String KEY_PREFIX_PATTERN = "[A-Za-z0-9._:-]{1,64}";
    static final String CLASS_NAME_PATTERN = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*";
    /** Cookie attributes that have settings of their own, or that the filter writes itself. */
    public static final List<String> RESERVED_COOKIE_ATTRIBUTES = List.of("max-age", "expires", "path", "domain", "secure",
            "httponly", "samesite", "comment");
    static final String COOKIE_NAME_PATTERN = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}";

    private final RedisEndpoint redisEndpoint;
    private final String sessionNamespace;
    private final String keyPrefix;
    private final int maxInactiveInterval;
    private final FlushMode flush;
    private final SaveMode saveMode;
    private final String serializer;
    private final String jdkFilter;
    private final List<String> jsonAllowedTypes;
    private final Duration redisTimeout;
    private final Duration connectTimeout;
    private final int writeAckReplicas;
    private final Duration failoverWait;
    private final Duration writeAckTimeout;
    private final Duration expiryCheckInterval;
    private final Duration expiryRetention;
    private final List<String> sessionListeners;
    private final ListenerDiscovery listenerDiscovery;
    private final DistributableMode distributable;
    private final SessionAccess sessionAccess;
    private final TouchShare touchShare;
    private final int largeAttributeSize;
    private final NearCacheSettings nearCache;
    private final TlsSettings tls;
    private final LoginSettings login;
    private final String cookieName;
    private final String cookiePath;
    private final String cookieDomain;
    private final Boolean cookieSecure;
    private final boolean cookieHttpOnly;
    private final String cookieSameSite;
    private final int cookieMaxAge;
    private final Map<String, String> cookieAttributes;
    private final Set<SessionTracking> sessionTracking;

    private RedisSessionSettings(Builder b) {
        this.redisEndpoint = b.redisEndpoint;
        this.sessionNamespace = b.sessionNamespace;
        this.keyPrefix = b.keyPrefix;
        this.maxInactiveInterval = b.maxInactiveInterval;
        this.flush = b.flush;
        this.saveMode = b.saveMode;
        this.serializer = b.serializer;
        this.jdkFilter = b.jdkFilter;
        this.jsonAllowedTypes = List.copyOf(b.jsonAllowedTypes);
        this.redisTimeout = b.redisTimeout;
        this.connectTimeout = b.connectTimeout;
        this.writeAckReplicas = b.writeAckReplicas;
        this.failoverWait = b.failoverWait;
        this.writeAckTimeout = b.writeAckTimeout;
        this.expiryCheckInterval = b.expiryCheckInterval;
        this.expiryRetention = b.expiryRetention;
        this.sessionListeners = List.copyOf(b.sessionListeners);
        this.listenerDiscovery = b.listenerDiscovery;
        this.distributable = b.distributable;
        this.sessionAccess = b.sessionAccess;
        this.touchShare = b.touchShare;
        this.largeAttributeSize = b.largeAttributeSize;
        this.nearCache = b.nearCache;
        this.tls = b.tls;
        this.login = b.login;
        this.cookieName = b.cookieName != null ? b.cookieName : DEFAULT_COOKIE_NAME_PREFIX + b.sessionNamespace;
        this.cookiePath = b.cookiePath;
        this.cookieDomain = b.cookieDomain;
        this.cookieSecure = b.cookieSecure;
        this.cookieHttpOnly = b.cookieHttpOnly;
        this.cookieSameSite = b.cookieSameSite;
        this.cookieMaxAge = b.cookieMaxAge;
        this.cookieAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.cookieAttributes));
        this.sessionTracking = Set.copyOf(b.sessionTracking);
    }

    /** @return a builder with every default set, except the namespace which must be given */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Redis server */
    public RedisEndpoint redisEndpoint() {
        return redisEndpoint;
    }

    /** @return the namespace: apps with the same namespace share sessions */
    public String sessionNamespace() {
        return sessionNamespace;
    }

    /** @return the first part of every Redis key */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** @return seconds of inactivity after which a new session expires; zero or less means never */
    public int maxInactiveInterval() {
        return maxInactiveInterval;
    }

    /** @return when changes are written */
    public FlushMode flush() {
        return flush;
    }

    /** @return which attributes are written */
    public SaveMode saveMode() {
        return saveMode;
    }

    /** @return {@code jdk}, {@code json} or the class name of an {@code AttributeSerializer} */
    public String serializer() {
        return serializer;
    }

    /** @return the {@link java.io.ObjectInputFilter} pattern of the JDK serializer */
    public String jdkFilter() {
        return jdkFilter;
    }

    /** @return the classes and {@code package.*} patterns the JSON serializer accepts */
    public List<String> jsonAllowedTypes() {
        return jsonAllowedTypes;
    }

    /** @return the longest wait for one Redis command */
    public Duration redisTimeout() {
        return redisTimeout;
    }

    /** @return the longest wait for a connection to Redis */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how many replicas must acknowledge each write ({@code WAIT}); 0 means none */
    public int writeAckReplicas() {
        return writeAckReplicas;
    }

    /** @return how long a write waits for its replica acknowledgements */
    public Duration writeAckTimeout() {
        return writeAckTimeout;
    }

    /**
     * @return how long requests wait, from the start of an outage, for Redis to answer again before they fail; zero
     *         fails them at once
     */
    public Duration failoverWait() {
        return failoverWait;
    }

    /** @return how often each node looks for sessions past their deadline and destroys them */
    public Duration expiryCheckInterval() {
        return expiryCheckInterval;
    }

    /** @return how long an expired session's data stays in Redis, waiting for a node to deliver its destroy event */
    public Duration expiryRetention() {
        return expiryRetention;
    }

    /** @return class names of session listeners to register besides those the container or the descriptors name */
    public List<String> sessionListeners() {
        return sessionListeners;
    }

    /** @return where the filter looks for the application's session listeners */
    public ListenerDiscovery listenerDiscovery() {
        return listenerDiscovery;
    }

    /** @return whether the application counts as distributable */
    public DistributableMode distributable() {
        return distributable;
    }

    /** @return what counts as an access to a session */
    public SessionAccess sessionAccess() {
        return sessionAccess;
    }

    /**
     * @return the share of the timeout that must pass after the stored last access before an access is recorded
     *         again, or {@code null} for {@code auto}: {@link TouchShare#EXACT} when every request is an access
     *         ({@link #sessionAccess()}), else {@link TouchShare#DEFAULT}
     */
    public TouchShare touchShare() {
        return touchShare;
    }

    /**
     * @return the size in bytes above which a serialized attribute value is stored apart and read only when a
     *         request reads it; 0 keeps every value in the session hash
     */
    public int largeAttributeSize() {
        return largeAttributeSize;
    }

    /** @return whether and how much this node caches the sessions it reads */
    public NearCacheSettings nearCache() {
        return nearCache;
    }

    /** @return how TLS connections ({@code rediss...}) verify the server and identify the client */
    public TlsSettings tls() {
        return tls;
    }

    /** @return who a session's user is and how many sessions one user may hold */
    public LoginSettings login() {
        return login;
    }

    /** @return the session cookie name (also the URL path parameter name) */
    public String cookieName() {
        return cookieName;
    }

    /** @return the cookie path */
    public String cookiePath() {
        return cookiePath;
    }

    /** @return the cookie domain, or {@code null} for the request host */
    public String cookieDomain() {
        return cookieDomain;
    }

    /** @return whether the cookie is {@code Secure}; {@code null} means: when the request is secure */
    public Boolean cookieSecure() {
        return cookieSecure;
    }

    /** @return whether the cookie is {@code HttpOnly} */
    public boolean cookieHttpOnly() {
        return cookieHttpOnly;
    }

    /** @return {@code Strict}, {@code Lax}, {@code None}, or {@code null} to send no SameSite attribute */
    public String cookieSameSite() {
        return cookieSameSite;
    }

    /** @return the cookie's Max-Age in seconds; negative means a browser-session cookie */
    public int cookieMaxAge() {
        return cookieMaxAge;
    }

    /**
     * @return further cookie attributes ({@code SessionCookieConfig.setAttribute}), in order; an empty value is
     *         written as a flag ({@code ; Partitioned})
     */
    public Map<String, String> cookieAttributes() {
        return cookieAttributes;
    }

    /** @return how the session id travels, never empty */
    public Set<SessionTracking> sessionTracking() {
        return sessionTracking;
    }

    @Override
    public String toString() {
        return "RedisSessionSettings[redisUri=" + redisEndpoint + ", sessionNamespace=" + sessionNamespace
                + ", keyPrefix=" + keyPrefix + ", maxInactiveInterval=" + maxInactiveInterval + ", flush="
                + flush.label() + ", saveMode=" + saveMode.label() + ", serializer=" + serializer
                + ", redisTimeout=" + redisTimeout.toMillis() + "ms, connectTimeout=" + connectTimeout.toMillis()
                + "ms, writeAckReplicas=" + writeAckReplicas + ", failoverWait=" + failoverWait.toMillis() + "ms"
                + ", expiryCheckInterval="
                + expiryCheckInterval.toMillis() + "ms, expiryRetention=" + expiryRetention.toSeconds()
                + "s, cookieName=" + cookieName + ", cookiePath="
                + cookiePath + ", sessionTracking=" + sessionTracking + ", distributable=" + distributable.label()
                + ", sessionAccess=" + sessionAccess.label() + ", touchShare=" + (touchShare == null ? "auto" : touchShare)
                + ", largeAttributeSize=" + largeAttributeSize + ", nearCache=" + nearCache
                + ", maxSessionsPerUser=" + login.maxSessionsPerUser()
                + (login.limited() ? ", loginPolicy=" + login.policy().label() : "") + "]";
    }

    /** Collects settings; {@link #build()} validates them together. */
    public static final class Builder {
        private RedisEndpoint redisEndpoint = RedisEndpoint.parse(DEFAULT_REDIS_URI);
        private String sessionNamespace;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private int maxInactiveInterval = DEFAULT_MAX_INACTIVE_INTERVAL;
        private FlushMode flush = DEFAULT_FLUSH;
        private SaveMode saveMode = DEFAULT_SAVE_MODE;
        private String serializer = DEFAULT_SERIALIZER;
        private String jdkFilter = JdkSerializer.DEFAULT_FILTER;
        private List<String> jsonAllowedTypes = List.of();
        private Duration redisTimeout = DEFAULT_REDIS_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int writeAckReplicas;
        private Duration writeAckTimeout = DEFAULT_WRITE_ACK_TIMEOUT;
        private Duration failoverWait = DEFAULT_FAILOVER_WAIT;
        private Duration expiryCheckInterval = DEFAULT_EXPIRY_CHECK_INTERVAL;
        private Duration expiryRetention = DEFAULT_EXPIRY_RETENTION;
        private List<String> sessionListeners = List.of();
        private ListenerDiscovery listenerDiscovery = ListenerDiscovery.AUTO;
        private DistributableMode distributable = DistributableMode.AUTO;
        private SessionAccess sessionAccess = SessionAccess.AUTO;
        private TouchShare touchShare;
        private int largeAttributeSize = DEFAULT_LARGE_ATTRIBUTE_SIZE;
        private NearCacheSettings nearCache = NearCacheSettings.OFF;
        private TlsSettings tls = TlsSettings.DEFAULT;
        private LoginSettings login = LoginSettings.DEFAULT;
        private String cookieName;
        private String cookiePath = DEFAULT_COOKIE_PATH;
        private String cookieDomain;
        private Boolean cookieSecure;
        private boolean cookieHttpOnly = true;
        private String cookieSameSite = DEFAULT_COOKIE_SAME_SITE;
        private int cookieMaxAge = -1;
        private Map<String, String> cookieAttributes = Map.of();
        private Set<SessionTracking> sessionTracking = EnumSet.of(SessionTracking.COOKIE);

        private Builder() {
        }

        /** @param value the Redis server; not {@code null} @return this */
        public Builder redisEndpoint(RedisEndpoint value) {
            this.redisEndpoint = Objects.requireNonNull(value, "redisEndpoint");
            return this;
        }

        /** @param value the namespace, {@value #NAMESPACE_PATTERN}; not {@code null} @return this */
        public Builder sessionNamespace(String value) {
            this.sessionNamespace = value;
            return this;
        }

        /** @param value the key prefix, {@value #KEY_PREFIX_PATTERN} @return this */
        public Builder keyPrefix(String value) {
            this.keyPrefix = value;
            return this;
        }

        /** @param seconds default session timeout; zero or less means never @return this */
        public Builder maxInactiveInterval(int seconds) {
            this.maxInactiveInterval = seconds;
            return this;
        }

        /** @param value when changes are written; not {@code null} @return this */
        public Builder flush(FlushMode value) {
            this.flush = Objects.requireNonNull(value, "flush");
            return this;
        }

        /** @param value which attributes are written; not {@code null} @return this */
        public Builder saveMode(SaveMode value) {
            this.saveMode = Objects.requireNonNull(value, "saveMode");
            return this;
        }

        /** @param value {@code jdk}, {@code json} or a class name; not {@code null} @return this */
        public Builder serializer(String value) {
            this.serializer = value;
            return this;
        }

        /** @param value an {@link java.io.ObjectInputFilter} pattern; not {@code null} @return this */
        public Builder jdkFilter(String value) {
            this.jdkFilter = value;
            return this;
        }

        /** @param value class names and {@code package.*} patterns; not {@code null} @return this */
        public Builder jsonAllowedTypes(List<String> value) {
            this.jsonAllowedTypes = List.copyOf(value);
            return this;
        }

        /** @param value longest wait for a command, positive @return this */
        public Builder redisTimeout(Duration value) {
            this.redisTimeout = value;
            return this;
        }

        /** @param value longest wait for a connection, positive @return this */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** @param count replicas that must acknowledge each write, 0 for none @return this */
        public Builder writeAckReplicas(int count) {
            this.writeAckReplicas = count;
            return this;
        }

        /** @param value how long a write waits for acknowledgements, positive @return this */
        public Builder writeAckTimeout(Duration value) {
            this.writeAckTimeout = value;
            return this;
        }

        /** @param value how long requests wait out an outage, zero to 5 minutes; zero: not at all @return this */
        public Builder failoverWait(Duration value) {
            this.failoverWait = value;
            return this;
        }

        /** @param value how often to look for expired sessions, 10 ms to 1 minute @return this */
        public Builder expiryCheckInterval(Duration value) {
            this.expiryCheckInterval = value;
            return this;
        }

        /** @param value how long expired data waits for its destroy event, 0 to 30 days @return this */
        public Builder expiryRetention(Duration value) {
            this.expiryRetention = value;
            return this;
        }

        /** @param classNames session listener classes to register; not {@code null} @return this */
        public Builder sessionListeners(List<String> classNames) {
            this.sessionListeners = List.copyOf(classNames);
            return this;
        }

        /** @param value where to look for session listeners; not {@code null} @return this */
        public Builder listenerDiscovery(ListenerDiscovery value) {
            this.listenerDiscovery = Objects.requireNonNull(value, "listenerDiscovery");
            return this;
        }

        /** @param value whether the application counts as distributable; not {@code null} @return this */
        public Builder distributable(DistributableMode value) {
            this.distributable = Objects.requireNonNull(value, "distributable");
            return this;
        }

        /** @param value what counts as an access to a session; not {@code null} @return this */
        public Builder sessionAccess(SessionAccess value) {
            this.sessionAccess = Objects.requireNonNull(value, "sessionAccess");
            return this;
        }

        /**
         * @param value the share of the timeout after which an access is recorded again, or {@code null} for
         *        {@code auto} @return this
         */
        public Builder touchShare(TouchShare value) {
            this.touchShare = value;
            return this;
        }

        /**
         * @param bytes the size above which values are stored apart: 0 (never), or {@value #MIN_LARGE_ATTRIBUTE_SIZE}
         *        or more @return this
         */
        public Builder largeAttributeSize(int bytes) {
            this.largeAttributeSize = bytes;
            return this;
        }

        /** @return the near cache settings collected so far */
        public NearCacheSettings nearCacheSettings() {
            return nearCache;
        }

        /** @param value whether and how much this node caches the sessions it reads; not {@code null} @return this */
        public Builder nearCache(NearCacheSettings value) {
            this.nearCache = java.util.Objects.requireNonNull(value, "nearCache");
            return this;
        }

        /** @return the login settings collected so far */
        public LoginSettings loginSettings() {
            return login;
        }

        /** @param value the login settings; not {@code null} @return this */
        public Builder login(LoginSettings value) {
            this.login = Objects.requireNonNull(value, "login");
            return this;
        }

        /** @return the TLS settings collected so far */
        public TlsSettings tlsSettings() {
            return tls;
        }

        /** @param value TLS trust and client identity; not {@code null} @return this */
        public Builder tls(TlsSettings value) {
            this.tls = Objects.requireNonNull(value, "tls");
            return this;
        }

        /** @param value cookie name, or {@code null} for {@code RSESSION_<namespace>} @return this */
        public Builder cookieName(String value) {
            this.cookieName = value;
            return this;
        }

        /** @param value cookie path, starting with {@code /} @return this */
        public Builder cookiePath(String value) {
            this.cookiePath = value;
            return this;
        }

        /** @param value cookie domain, or {@code null} @return this */
        public Builder cookieDomain(String value) {
            this.cookieDomain = value;
            return this;
        }

        /** @param value {@code true}, {@code false}, or {@code null} for "when the request is secure" @return this */
        public Builder cookieSecure(Boolean value) {
            this.cookieSecure = value;
            return this;
        }

        /** @param value whether the cookie is HttpOnly @return this */
        public Builder cookieHttpOnly(boolean value) {
            this.cookieHttpOnly = value;
            return this;
        }

        /** @param value {@code Strict}, {@code Lax}, {@code None} or {@code null} for none @return this */
        public Builder cookieSameSite(String value) {
            this.cookieSameSite = value;
            return this;
        }

        /** @param seconds cookie Max-Age; negative for a browser-session cookie @return this */
        public Builder cookieMaxAge(int seconds) {
            this.cookieMaxAge = seconds;
            return this;
        }

        /** @param value attribute name to value, {@code ""} for a flag; not {@code null} @return this */
        public Builder cookieAttributes(Map<String, String> value) {
            this.cookieAttributes = new LinkedHashMap<>(value);
            return this;
        }

        /** @param value how the id travels; not empty @return this */
        public Builder sessionTracking(Set<SessionTracking> value) {
            this.sessionTracking = Set.copyOf(value);
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidSettingException naming the first setting that is missing or out of range
         */
        public RedisSessionSettings build() {
            require("sessionNamespace", sessionNamespace, NAMESPACE_PATTERN,
                    "1 to 64 characters among letters, digits, '.', '_' and '-'");
            require("keyPrefix", keyPrefix, KEY_PREFIX_PATTERN,
                    "1 to 64 characters among letters, digits, '.', ':', '_' and '-' (no braces)");
            if (serializer == null || serializer.isBlank()) {
                throw new InvalidSettingException("serializer", serializer, null,
                        "jdk, json, or the class name of an io.redissession.serializer.AttributeSerializer");
            }
            try {
                java.io.ObjectInputFilter.Config.createFilter(Objects.requireNonNull(jdkFilter));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidSettingException("jdkFilter", jdkFilter, null,
                        "an ObjectInputFilter pattern such as com.shop.*;java.base/*;!* (" + e.getMessage() + ")");
            }
            try {
                new TypeAllowList(jsonAllowedTypes);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("jsonAllowedTypes", String.join(",", jsonAllowedTypes), null,
                        "class names or package patterns like com.shop.* (" + e.getMessage() + ")");
            }
            positive("redisTimeout", redisTimeout);
            positive("connectTimeout", connectTimeout);
            positive("writeAckTimeout", writeAckTimeout);
            if (writeAckReplicas < 0 || writeAckReplicas > 32) {
                throw new InvalidSettingException("writeAckReplicas", String.valueOf(writeAckReplicas), null,
                        "0 (do not wait for replicas) to 32");
            }
            if (failoverWait == null || failoverWait.isNegative() || failoverWait.compareTo(MAX_FAILOVER_WAIT) > 0) {
                throw new InvalidSettingException("failoverWait", failoverWait == null ? "null"
                        : failoverWait.toMillis() + "ms", null, "0 (fail at once) to 5 minutes");
            }
            if (writeAckReplicas > 0 && writeAckTimeout.compareTo(redisTimeout) >= 0) {
                throw new InvalidSettingException("writeAckTimeout", writeAckTimeout.toMillis() + "ms", null,
                        "shorter than redisTimeout (" + redisTimeout.toMillis() + "ms), which bounds the whole"
                        + " wait");
            }
            if (expiryCheckInterval == null || expiryCheckInterval.toMillis() < 10
                    || expiryCheckInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new InvalidSettingException("expiryCheckInterval", String.valueOf(expiryCheckInterval), null,
                        "a duration from 10ms to 1m");
            }
            if (expiryRetention == null || expiryRetention.isNegative()
                    || expiryRetention.compareTo(Duration.ofDays(30)) > 0) {
                throw new InvalidSettingException("expiryRetention", String.valueOf(expiryRetention), null,
                        "a duration from 0s to 30d");
            }
            if (largeAttributeSize != 0 && largeAttributeSize < MIN_LARGE_ATTRIBUTE_SIZE) {
                throw new InvalidSettingException("largeAttributeSize", Integer.toString(largeAttributeSize), null,
                        "0 (keep every value in the session hash) or a size in bytes from "
                        + MIN_LARGE_ATTRIBUTE_SIZE);
            }
            for (String listener : sessionListeners) {
                if (!listener.matches(CLASS_NAME_PATTERN)) {
                    throw new InvalidSettingException("sessionListeners", String.join(",", sessionListeners), null,
                            "comma-separated class names");
                }
            }
            if (cookieName != null) {
                require("cookieName", cookieName, COOKIE_NAME_PATTERN, "a cookie token of 1 to 64 characters");
            }
            if (cookiePath == null || !cookiePath.startsWith("/") || cookiePath.matches(".*[;\\s,].*")) {
                throw new InvalidSettingException("cookiePath", cookiePath, null,
                        "a path starting with '/' without ';', ',' or spaces");
            }
            if (cookieDomain != null && !cookieDomain.matches("\\.?[A-Za-z0-9.-]+")) {
                throw new InvalidSettingException("cookieDomain", cookieDomain, null, "a domain name");
            }
            if (cookieSameSite != null) {
                String normalized = cookieSameSite.substring(0, 1).toUpperCase(Locale.ROOT)
                        + cookieSameSite.substring(1).toLowerCase(Locale.ROOT);
                if (!Set.of("Strict", "Lax", "None").contains(normalized)) {
                    throw new InvalidSettingException("cookieSameSite", cookieSameSite, null,
                            "Strict, Lax, None or unset");
                }
                cookieSameSite = normalized;
            }
            for (Map.Entry<String, String> attribute : cookieAttributes.entrySet()) {
                if (!attribute.getKey().matches(COOKIE_NAME_PATTERN) || RESERVED_COOKIE_ATTRIBUTES.contains(
                        attribute.getKey().toLowerCase(Locale.ROOT)) || attribute.getValue().matches(
                        ".*[;\\p{Cntrl}].*")) {
                    throw new InvalidSettingException("cookieAttributes", attribute.getKey() + "="
                            + attribute.getValue(), null, "Name=value pairs or flags separated by ';', other than"
                            + " the attributes that have their own setting (" + String.join(", ",
                            RESERVED_COOKIE_ATTRIBUTES) + ")");
                }
            }
            tls.validate();
            login.validate();
            if (sessionTracking.isEmpty()) {
                throw new InvalidSettingException("sessionTracking", "", null, "cookie, url or cookie,url");
            }
            return new RedisSessionSettings(this);
        }

        private static void require(String name, String value, String pattern, String accepted) {
            if (value == null || !value.matches(pattern)) {
                throw new InvalidSettingException(name, value, null, accepted);
            }
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidSettingException(name, String.valueOf(value), null, "a positive duration");
            }
        }
    }
}
