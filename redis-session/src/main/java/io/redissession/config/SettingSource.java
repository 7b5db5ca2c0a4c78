package io.redissession.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One place settings can come from: filter init-params, context-params, system properties, environment variables,
 * the container's own session configuration. {@link SettingsParser} asks each source by the setting's canonical
 * name ({@code redisUri}); a source translates it to its own naming.
 */
public interface SettingSource {

    /** Prefix of system properties: {@code -Dredis-session.redisUri=...}. */
    String SYSTEM_PROPERTY_PREFIX = "redis-session.";

    /** Prefix of environment variables: {@code REDIS_SESSION_REDIS_URI=...}. */
    String ENVIRONMENT_PREFIX = "REDIS_SESSION_";

    /**
     * @param setting the canonical setting name; not {@code null}
     * @return the raw value, or {@code null} if this source does not set it
     */
    String get(String setting);

    /**
     * @param setting the canonical setting name; not {@code null}
     * @return where the value comes from, for error messages (for example {@code "system property redis-session.redisUri"})
     */
    String describe(String setting);

    /**
     * @param label a name for the source, used in messages; not {@code null}
     * @param lookup returns the value of a canonical setting name, or {@code null}; not {@code null}
     * @return a source that uses the canonical names as they are
     */
    static SettingSource of(String label, Function<String, String> lookup) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(lookup, "lookup");
        return new SettingSource() {
            @Override
            public String get(String setting) {
                return lookup.apply(setting);
            }

            @Override
            public String describe(String setting) {
                return label + " " + setting;
            }
        };
    }

    /** @return JVM system properties named {@code redis-session.<setting>} */
    static SettingSource systemProperties() {
        return new SettingSource() {
            @Override
            public String get(String setting) {
                return System.getProperty(SYSTEM_PROPERTY_PREFIX + setting);
            }

            @Override
            public String describe(String setting) {
                return "system property " + SYSTEM_PROPERTY_PREFIX + setting;
            }
        };
    }

    /**
     * @param environment the environment, usually {@link System#getenv()}; not {@code null}
     * @return environment variables named {@code REDIS_SESSION_<SETTING_IN_UPPER_SNAKE_CASE>}
     */
    static SettingSource environment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return new SettingSource() {
            @Override
            public String get(String setting) {
                return environment.get(environmentName(setting));
            }

            @Override
            public String describe(String setting) {
                return "environment variable " + environmentName(setting);
            }
        };
    }

    /**
     * @param setting a canonical camelCase name; not {@code null}
     * @return its environment variable name: {@code redisUri} gives {@code REDIS_SESSION_REDIS_URI}
     */
    static String environmentName(String setting) {
        return ENVIRONMENT_PREFIX + setting.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
