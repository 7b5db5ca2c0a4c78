package io.redissession.servlet;

import io.redissession.config.InvalidSettingException;
import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SettingSource;
import io.redissession.config.SettingsParser;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The setting sources of a filter, highest precedence first: system properties, environment variables, filter
 * init-params, context-params, then what the container's own session configuration says (session timeout, cookie
 * config, tracking modes, and a namespace derived from the context path).
 */
final class ServletSettingSources {

    private static final Logger LOG = Logger.getLogger(ServletSettingSources.class.getName());

    private ServletSettingSources() {
    }

    static List<SettingSource> of(FilterConfig config) {
        ServletContext context = config.getServletContext();
        checkInitParamNames(config);
        List<SettingSource> sources = new ArrayList<>();
        sources.add(SettingSource.systemProperties());
        sources.add(SettingSource.environment(System.getenv()));
        sources.add(SettingSource.of("filter init-param", config::getInitParameter));
        sources.add(SettingSource.of("context-param", context::getInitParameter));
        sources.add(SettingSource.of("container session configuration", containerDefaults(context)::get));
        return sources;
    }

    private static void checkInitParamNames(FilterConfig config) {
        Set<String> known = SettingsParser.names();
        for (String name : Collections.list(config.getInitParameterNames())) {
            String retired = SettingsParser.retiredBecause(name);
            if (retired != null) {
                LOG.warning("Filter init-param " + name + " is no longer a setting and is ignored: " + retired
                        + ". Remove it.");
            } else if (!known.contains(name)) {
                throw new InvalidSettingException(name, "(not shown)", "filter init-param " + name,
                        "no such setting; known settings: " + String.join(", ", known));
            }
        }
    }

    static String namespaceOf(String contextPath) {
        if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
            return "ROOT";
        }
        String name = contextPath.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** @return the attributes set with {@code SessionCookieConfig.setAttribute} that have no setting of their own */
    private static String customAttributes(SessionCookieConfig cookie) {
        Map<String, String> attributes;
        try {
            attributes = cookie.getAttributes();
        } catch (IncompatibleClassChangeError | RuntimeException e) {
            // Servlet 4 and 5 containers lack the method; Payara 6 throws NullPointerException while none is set
            return "";
        }
        if (attributes == null) {
            return "";
        }
        return attributes.entrySet().stream()
                .filter(e -> !RedisSessionSettings.RESERVED_COOKIE_ATTRIBUTES.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)))
                .map(e -> e.getValue() == null || e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** @return the container's {@code SameSite} cookie attribute; {@code null} also before Servlet 6, which lacks it */
    private static String sameSite(SessionCookieConfig cookie) {
        try {
            return cookie.getAttribute("SameSite");
        } catch (IncompatibleClassChangeError | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> containerDefaults(ServletContext context) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("sessionNamespace", namespaceOf(context.getContextPath()));
        int timeoutMinutes = context.getSessionTimeout();
        defaults.put("maxInactiveInterval", Integer.toString(timeoutMinutes <= 0 ? -1 : timeoutMinutes * 60));
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        if (cookie != null) {
            if (cookie.getName() != null && !cookie.getName().equals("JSESSIONID")) {
                defaults.put("cookieName", cookie.getName());
            }
            if (cookie.getPath() != null && !cookie.getPath().equals(context.getContextPath())) {
                defaults.put("cookiePath", cookie.getPath());
            }
            if (cookie.getDomain() != null) {
                defaults.put("cookieDomain", cookie.getDomain());
            }
            if (cookie.isSecure()) {
                defaults.put("cookieSecure", "true");
            }
            defaults.put("cookieMaxAge", Integer.toString(cookie.getMaxAge()));
            String sameSite = sameSite(cookie);
            if (sameSite != null) {
                defaults.put("cookieSameSite", sameSite);
            }
            String others = customAttributes(cookie);
            if (!others.isEmpty()) {
                defaults.put("cookieAttributes", others);
            }
        }
        Set<SessionTrackingMode> modes = context.getEffectiveSessionTrackingModes();
        if (modes != null) {
            String tracking = modes.stream().filter(m -> m != SessionTrackingMode.SSL)
                    .map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(","));
            if (!tracking.isEmpty()) {
                defaults.put("sessionTracking", tracking);
            }
        }
        return defaults;
    }
}
