package io.redissession.config;

import io.redissession.session.FlushMode;
import io.redissession.session.SaveMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one parser that turns raw setting values into {@link RedisSessionSettings}. Sources are asked in order; the
 * first that sets a setting wins. Each bad value fails with an {@link InvalidSettingException} that names the
 * setting, the value, the source and what is accepted.
 */
public final class SettingsParser {

    private static final Map<String, BiConsumer<RedisSessionSettings.Builder, String>> SETTINGS = definitions();

    /** Settings that no longer exist, with what replaced them: accepted with a warning rather than refused. */
    private static final Map<String, String> RETIRED = Map.of("directConnections",
            "every command goes through the client's multiplexed connection, which costs Redis less per request");

    private SettingsParser() {
    }

    /** @return why a setting that no longer exists was retired, or {@code null} if it is not a retired setting */
    public static String retiredBecause(String name) {
        return RETIRED.get(name);
    }

    /** @return the canonical names of every setting */
    public static Set<String> names() {
        return SETTINGS.keySet();
    }

    /**
     * @param sources in precedence order, highest first; not {@code null}
     * @return the validated settings
     * @throws InvalidSettingException for the first bad value
     */
    public static RedisSessionSettings parse(List<SettingSource> sources) {
        RedisSessionSettings.Builder builder = RedisSessionSettings.builder();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Map.Entry<String, BiConsumer<RedisSessionSettings.Builder, String>> setting : SETTINGS.entrySet()) {
            String name = setting.getKey();
            for (SettingSource source : sources) {
                String value = source.get(name);
                if (value != null) {
                    origins.put(name, source.describe(name));
                    try {
                        setting.getValue().accept(builder, value.trim());
                    } catch (InvalidSettingException e) {
                        throw e.withSource(source.describe(name));
                    }
                    break;
                }
            }
        }
        try {
            return builder.build();
        } catch (InvalidSettingException e) {
            String origin = origins.get(e.getSetting());
            throw origin == null ? e : e.withSource(origin);
        }
    }

    private static Map<String, BiConsumer<RedisSessionSettings.Builder, String>> definitions() {
        Map<String, BiConsumer<RedisSessionSettings.Builder, String>> d = new LinkedHashMap<>();
        d.put("redisUri", (b, v) -> b.redisEndpoint(RedisEndpoint.parse(v)));
        d.put("sessionNamespace", RedisSessionSettings.Builder::sessionNamespace);
        d.put("keyPrefix", RedisSessionSettings.Builder::keyPrefix);
        d.put("maxInactiveInterval", (b, v) -> b.maxInactiveInterval(integer("maxInactiveInterval", v,
                "a whole number of seconds; zero or less means sessions never expire")));
        d.put("flush", (b, v) -> b.flush(choice("flush", v, FlushMode.values(), FlushMode::label)));
        d.put("saveMode", (b, v) -> b.saveMode(choice("saveMode", v, SaveMode.values(), SaveMode::label)));
        d.put("serializer", RedisSessionSettings.Builder::serializer);
        d.put("jdkFilter", RedisSessionSettings.Builder::jdkFilter);
        d.put("jsonAllowedTypes", (b, v) -> b.jsonAllowedTypes(list(v)));
        d.put("redisTimeout", (b, v) -> b.redisTimeout(duration("redisTimeout", v)));
        d.put("connectTimeout", (b, v) -> b.connectTimeout(duration("connectTimeout", v)));
        d.put("writeAckReplicas", (b, v) -> b.writeAckReplicas(integer("writeAckReplicas", v,
                "0 (do not wait for replicas) to 32")));
        d.put("writeAckTimeout", (b, v) -> b.writeAckTimeout(duration("writeAckTimeout", v)));
        d.put("failoverWait", (b, v) -> b.failoverWait(durationOrZero("failoverWait", v)));
        d.put("expiryCheckInterval", (b, v) -> b.expiryCheckInterval(duration("expiryCheckInterval", v)));
        d.put("expiryRetention", (b, v) -> b.expiryRetention(durationOrZero("expiryRetention", v)));
        d.put("sessionListeners", (b, v) -> b.sessionListeners(list(v)));
        d.put("listenerDiscovery", (b, v) -> b.listenerDiscovery(choice("listenerDiscovery", v,
                ListenerDiscovery.values(), ListenerDiscovery::label)));
        d.put("distributable", (b, v) -> b.distributable(choice("distributable", v,
                DistributableMode.values(), DistributableMode::label)));
        d.put("sessionAccess", (b, v) -> b.sessionAccess(choice("sessionAccess", v,
                SessionAccess.values(), SessionAccess::label)));
        d.put("touchShare", (b, v) -> b.touchShare(v.equalsIgnoreCase("auto") ? null : new TouchShare(integer(
                "touchShare", v.endsWith("%") ? v.substring(0, v.length() - 1).trim() : v,
                "a percentage of the timeout from 0% to " + TouchShare.MAX + "%, or auto"))));
        d.put("largeAttributeSize", (b, v) -> b.largeAttributeSize(integer("largeAttributeSize", v,
                "0 (keep every value in the session hash) or a size in bytes from "
                + RedisSessionSettings.MIN_LARGE_ATTRIBUTE_SIZE)));
        d.put("nearCache", (b, v) -> b.nearCache(b.nearCacheSettings().withEnabled(switchValue("nearCache", v))));
        d.put("nearCacheEntries", (b, v) -> b.nearCache(b.nearCacheSettings().withMaxEntries(integer(
                "nearCacheEntries", v, "a number of sessions from 1 to " + NearCacheSettings.MAX_ENTRIES))));
        d.put("nearCacheBytes", (b, v) -> b.nearCache(b.nearCacheSettings().withMaxBytes(size("nearCacheBytes",
                v))));
        d.put("tlsCaFile", (b, v) -> b.tls(b.tlsSettings().withCaFile(path(v))));
        d.put("tlsTrustStore", (b, v) -> b.tls(b.tlsSettings().withTrustStore(path(v))));
        d.put("tlsTrustStorePassword", (b, v) -> b.tls(b.tlsSettings().withTrustStorePassword(v)));
        d.put("tlsKeyStore", (b, v) -> b.tls(b.tlsSettings().withKeyStore(path(v))));
        d.put("tlsKeyStorePassword", (b, v) -> b.tls(b.tlsSettings().withKeyStorePassword(v)));
        d.put("tlsVerify", (b, v) -> b.tls(b.tlsSettings().withVerify(TlsSettings.Verify.parse(v))));
        d.put("cookieName", (b, v) -> b.cookieName(v.isEmpty() ? null : v));
        d.put("cookiePath", RedisSessionSettings.Builder::cookiePath);
        d.put("cookieDomain", (b, v) -> b.cookieDomain(v.isEmpty() ? null : v));
        d.put("cookieSecure", (b, v) -> b.cookieSecure(secure(v)));
        d.put("cookieHttpOnly", (b, v) -> b.cookieHttpOnly(bool("cookieHttpOnly", v)));
        d.put("cookieSameSite", (b, v) -> b.cookieSameSite(v.isEmpty() || v.equalsIgnoreCase("unset") ? null : v));
        d.put("cookieMaxAge", (b, v) -> b.cookieMaxAge(integer("cookieMaxAge", v,
                "a whole number of seconds; negative for a cookie that ends with the browser session")));
        d.put("cookieAttributes", (b, v) -> b.cookieAttributes(attributes(v)));
        d.put("sessionTracking", (b, v) -> b.sessionTracking(tracking(v)));
        d.put("principalAttribute", (b, v) -> b.login(b.loginSettings().withPrincipalAttribute(
                v.isEmpty() ? null : v)));
        d.put("changeIdOnContainerLogin", (b, v) -> b.login(b.loginSettings().withChangeIdOnContainerLogin(
                bool("changeIdOnContainerLogin", v))));
        d.put("maxSessionsPerUser", (b, v) -> b.login(b.loginSettings().withMaxSessionsPerUser(
                v.equalsIgnoreCase("unlimited") ? 0 : integer("maxSessionsPerUser", v, "0 or unlimited (no limit)"
                + " to 1000"))));
        d.put("loginPolicy", (b, v) -> b.login(b.loginSettings().withPolicy(choice("loginPolicy", v,
                LoginPolicy.values(), LoginPolicy::label))));
        d.put("loggedOutElsewhereUrl", (b, v) -> b.login(b.loginSettings().withLoggedOutElsewhereUrl(
                v.isEmpty() ? null : v)));
        return d;
    }

    /** @return the {@code Name=value} pairs and flags of a {@code ;}-separated list, in order */
    static Map<String, String> attributes(String value) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String item : value.split(";")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                int equals = trimmed.indexOf('=');
                attributes.put(equals < 0 ? trimmed : trimmed.substring(0, equals).trim(),
                        equals < 0 ? "" : trimmed.substring(equals + 1).trim());
            }
        }
        return attributes;
    }

    private static java.nio.file.Path path(String value) {
        return value.isEmpty() ? null : java.nio.file.Path.of(value);
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split("[,\\s]+")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static int integer(String name, String value, String accepted) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, value, null, accepted);
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, value, null, "true or false");
        };
    }

    private static boolean switchValue(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new InvalidSettingException(name, value, null, "on or off");
        };
    }

    /**
     * @param name the setting, for messages; not {@code null}
     * @param value a number of bytes, or with the unit {@code KB}, {@code MB} or {@code GB} (powers of 1024)
     * @return the size in bytes
     */
    static long size(String name, String value) {
        var matcher = java.util.regex.Pattern.compile("([0-9]{1,12})\\s*(kb|mb|gb|b)?")
                .matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new InvalidSettingException(name, value, null,
                    "a size such as 65536, 512KB, 64MB or 1GB (a bare number means bytes)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        int shift = switch (unit) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new InvalidSettingException(name, value, null, "a size up to a few terabytes");
        }
        return amount << shift;
    }

    private static Boolean secure(String value) {
        return value.equalsIgnoreCase("auto") ? null : bool("cookieSecure", value);
    }

    private static <E> E choice(String name, String value, E[] options, Function<E, String> label) {
        for (E option : options) {
            if (label.apply(option).equalsIgnoreCase(value)) {
                return option;
            }
        }
        throw new InvalidSettingException(name, value, null,
                "one of " + Arrays.stream(options).map(label).toList());
    }

    private static Set<SessionTracking> tracking(String value) {
        Set<SessionTracking> modes = EnumSet.noneOf(SessionTracking.class);
        for (String item : list(value)) {
            try {
                modes.add(SessionTracking.valueOf(item.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("sessionTracking", value, null, "cookie, url or cookie,url");
            }
        }
        return modes;
    }

    /**
     * @param name the setting, for messages; not {@code null}
     * @param value {@code 1500} (milliseconds), {@code 1500ms}, {@code 2s}, {@code 1m}, {@code 1h} or {@code 1d}; not
     *        {@code null}
     * @return the duration
     * @throws InvalidSettingException if the value has another form
     */
    static Duration duration(String name, String value) {
        Duration duration = durationOrZero(name, value);
        if (duration.isZero()) {
            throw new InvalidSettingException(name, value, null,
                    "a positive duration such as 500ms, 2s, 1m, 1h or 1d (a bare number means milliseconds)");
        }
        return duration;
    }

    /**
     * @param name the setting, for the error message
     * @param value the raw value: a number with the unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
     * @return the duration, possibly zero
     */
    static Duration durationOrZero(String name, String value) {
        var matcher = java.util.regex.Pattern.compile("([0-9]{1,9})\\s*(ms|s|m|h|d)?")
                .matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new InvalidSettingException(name, value, null,
                    "a duration such as 500ms, 2s, 1m, 1h or 1d (a bare number means milliseconds)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofMillis(amount);
        };
    }
}
