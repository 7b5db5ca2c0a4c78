package io.redissession.config;

import io.redissession.session.FlushMode;
import io.redissession.session.SaveMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsParserTest {

    private static SettingSource source(String label, Map<String, String> values) {
        return SettingSource.of(label, values::get);
    }

    @Test
    void defaultsNeedOnlyANamespace() {
        RedisSessionSettings settings = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "shop"))));
        assertEquals("127.0.0.1", settings.redisEndpoint().hosts().get(0).host());
        assertEquals("RSESSION_shop", settings.cookieName());
        assertEquals("/", settings.cookiePath());
        assertEquals(1800, settings.maxInactiveInterval());
        assertEquals(FlushMode.ON_RESPONSE, settings.flush());
        assertEquals(SaveMode.ON_SET, settings.saveMode());
        assertEquals(Duration.ofSeconds(2), settings.redisTimeout());
        assertTrue(settings.cookieHttpOnly());
        assertEquals("Lax", settings.cookieSameSite());
        assertNull(settings.cookieSecure());
        assertEquals(Set.of(SessionTracking.COOKIE), settings.sessionTracking());
    }

    @Test
    void eventSettingsHaveDefaultsAndBounds() {
        RedisSessionSettings defaults = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a"))));
        assertEquals(java.time.Duration.ofSeconds(1), defaults.expiryCheckInterval());
        assertEquals(java.time.Duration.ofHours(1), defaults.expiryRetention());
        assertEquals(List.of(), defaults.sessionListeners());
        RedisSessionSettings set = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "expiryCheckInterval", "250ms", "expiryRetention", "0", "sessionListeners",
                "com.shop.Users, com.shop.Audit$Listener"))));
        assertEquals(java.time.Duration.ofMillis(250), set.expiryCheckInterval());
        assertEquals(java.time.Duration.ZERO, set.expiryRetention());
        assertEquals(List.of("com.shop.Users", "com.shop.Audit$Listener"), set.sessionListeners());
        assertEquals(java.time.Duration.ofDays(2), SettingsParser.parse(List.of(source("x", Map.of(
                "sessionNamespace", "a", "expiryRetention", "2d")))).expiryRetention());
        for (Map.Entry<String, String> bad : List.of(Map.entry("expiryCheckInterval", "5ms"),
                Map.entry("expiryCheckInterval", "2m"), Map.entry("expiryCheckInterval", "0"),
                Map.entry("expiryRetention", "31d"), Map.entry("expiryRetention", "-1s"),
                Map.entry("sessionListeners", "com.shop.1Bad"))) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(
                    List.of(source("x", Map.of("sessionNamespace", "a", bad.getKey(), bad.getValue())))),
                    bad.toString());
            assertEquals(bad.getKey(), e.getSetting());
        }
    }

    @Test
    void touchShareIsAPercentageOfTheTimeoutThatGivesTheSlack() {
        RedisSessionSettings defaults = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a"))));
        assertNull(defaults.touchShare(), "auto");
        assertEquals(90_000, TouchShare.DEFAULT.slackMillis(1800), "5 % of 30 minutes");
        assertEquals(0, TouchShare.DEFAULT.slackMillis(0), "a session that never expires has no slack");
        assertEquals(0, TouchShare.DEFAULT.slackMillis(-1));
        assertEquals(0, TouchShare.EXACT.slackMillis(1800));
        for (String value : List.of("50%", "50", "50 %")) {
            RedisSessionSettings set = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                    "touchShare", value))));
            assertEquals(new TouchShare(50), set.touchShare(), value);
            assertEquals(3000, set.touchShare().slackMillis(6));
        }
        assertNull(SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a", "touchShare",
                "AUTO")))).touchShare());
        assertEquals(TouchShare.EXACT, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "touchShare", "0%")))).touchShare());
        for (String bad : List.of("51%", "-1%", "five", "5.5%", "%")) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(
                    List.of(source("x", Map.of("sessionNamespace", "a", "touchShare", bad)))), bad);
            assertEquals("touchShare", e.getSetting());
            assertTrue(e.getMessage().contains("0%") && e.getMessage().contains("50%")
                    && e.getMessage().contains("auto"), e.getMessage());
        }
    }

    @Test
    void largeAttributeSizeIsZeroOrAtLeastSixtyFourBytes() {
        assertEquals(1024, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a"))))
                .largeAttributeSize());
        assertEquals(0, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "largeAttributeSize", "0")))).largeAttributeSize());
        assertEquals(64, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "largeAttributeSize", "64")))).largeAttributeSize());
        for (String bad : List.of("63", "-1", "1k")) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(
                    List.of(source("x", Map.of("sessionNamespace", "a", "largeAttributeSize", bad)))), bad);
            assertEquals("largeAttributeSize", e.getSetting());
            assertTrue(e.getMessage().contains("64"), e.getMessage());
        }
    }

    @Test
    void theNearCacheIsOffUnlessSwitchedOnAndItsBoundsAreChecked() {
        assertEquals(NearCacheSettings.OFF, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace",
                "a")))).nearCache());
        NearCacheSettings on = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "nearCache", "on", "nearCacheEntries", "500", "nearCacheBytes", "8MB")))).nearCache();
        assertEquals(new NearCacheSettings(true, 500, 8L << 20), on);
        assertEquals(100_000L, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "nearCacheBytes", "100000")))).nearCache().maxBytes());
        Map<String, String> bad = Map.of("nearCache", "maybe", "nearCacheEntries", "0", "nearCacheBytes", "1KB");
        bad.forEach((setting, value) -> {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(
                    List.of(source("x", Map.of("sessionNamespace", "a", setting, value)))), setting);
            assertEquals(setting, e.getSetting());
        });
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(
                List.of(source("x", Map.of("sessionNamespace", "a", "nearCacheBytes", "12 apples")))));
        assertTrue(e.getMessage().contains("64MB"), e.getMessage());
    }

    @Test
    void containerBehaviourSettingsFollowTheContainerUnlessSet() {
        RedisSessionSettings defaults = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a"))));
        assertEquals(DistributableMode.AUTO, defaults.distributable());
        assertEquals(SessionAccess.AUTO, defaults.sessionAccess());
        RedisSessionSettings set = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "distributable", "false", "sessionAccess", "every-request"))));
        assertEquals(DistributableMode.NO, set.distributable());
        assertEquals(SessionAccess.EVERY_REQUEST, set.sessionAccess());
        assertEquals(DistributableMode.YES, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "distributable", "TRUE")))).distributable());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(List.of(
                source("x", Map.of("sessionNamespace", "a", "sessionAccess", "always")))));
        assertTrue(e.getMessage().contains("[always]") && e.getMessage().contains("every-request"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(List.of(
                source("x", Map.of("sessionNamespace", "a", "distributable", "yes")))));
        assertTrue(e.getMessage().contains("[yes]") && e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void loginSettingsHaveDefaultsAndBounds() {
        RedisSessionSettings defaults = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a"))));
        assertEquals(LoginSettings.DEFAULT, defaults.login());
        assertFalse(defaults.login().limited());
        RedisSessionSettings set = SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "maxSessionsPerUser", "2", "loginPolicy", "Reject-New", "loggedOutElsewhereUrl", "/bye",
                "principalAttribute", "SPRING_SECURITY_CONTEXT", "changeIdOnContainerLogin", "false"))));
        assertEquals(new LoginSettings(2, LoginPolicy.REJECT_NEW, "/bye", "SPRING_SECURITY_CONTEXT", false),
                set.login());
        assertTrue(defaults.login().changeIdOnContainerLogin(), "the container's sessions change id on login");
        assertEquals(0, SettingsParser.parse(List.of(source("x", Map.of("sessionNamespace", "a",
                "maxSessionsPerUser", "unlimited")))).login().maxSessionsPerUser());
        assertRejected("maxSessionsPerUser", "-1");
        assertRejected("maxSessionsPerUser", "1001");
        assertRejected("maxSessionsPerUser", "two");
        assertRejected("changeIdOnContainerLogin", "sometimes");
        assertRejected("loginPolicy", "kick-out");
        assertRejected("loggedOutElsewhereUrl", "bye.html");
        assertRejected("loggedOutElsewhereUrl", "/bye page");
        assertRejected("loggedOutElsewhereUrl", "javascript:alert(1)");
    }

    @Test
    void earlierSourcesWin() {
        RedisSessionSettings settings = SettingsParser.parse(List.of(
                source("high", Map.of("redisUri", "redis://high:1")),
                source("low", Map.of("redisUri", "redis://low:2", "sessionNamespace", "a", "saveMode", "always"))));
        assertEquals("high", settings.redisEndpoint().hosts().get(0).host());
        assertEquals(SaveMode.ALWAYS, settings.saveMode());
    }

    @Test
    void parsesEveryKindOfValue() {
        RedisSessionSettings settings = SettingsParser.parse(List.of(source("x", Map.ofEntries(
                Map.entry("sessionNamespace", "shop"), Map.entry("flush", "IMMEDIATE"),
                Map.entry("saveMode", "on-get"), Map.entry("redisTimeout", "750ms"),
                Map.entry("connectTimeout", "3s"), Map.entry("maxInactiveInterval", "-1"),
                Map.entry("cookieSecure", "true"), Map.entry("cookieHttpOnly", "false"),
                Map.entry("cookieSameSite", "strict"), Map.entry("sessionTracking", "cookie, url"),
                Map.entry("jsonAllowedTypes", "com.shop.*, com.other.Cart"), Map.entry("cookieName", "SID")))));
        assertEquals(FlushMode.IMMEDIATE, settings.flush());
        assertEquals(SaveMode.ON_GET, settings.saveMode());
        assertEquals(Duration.ofMillis(750), settings.redisTimeout());
        assertEquals(Duration.ofSeconds(3), settings.connectTimeout());
        assertEquals(-1, settings.maxInactiveInterval());
        assertEquals(Boolean.TRUE, settings.cookieSecure());
        assertFalse(settings.cookieHttpOnly());
        assertEquals("Strict", settings.cookieSameSite());
        assertEquals(Set.of(SessionTracking.COOKIE, SessionTracking.URL), settings.sessionTracking());
        assertEquals(List.of("com.shop.*", "com.other.Cart"), settings.jsonAllowedTypes());
        assertEquals("SID", settings.cookieName());
    }

    @Test
    void badValuesNameSettingValueSourceAndAcceptedValues() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(List.of(
                source("filter init-param", Map.of("sessionNamespace", "shop", "redisTimeout", "soon")))));
        assertEquals("redisTimeout", e.getSetting());
        assertTrue(e.getMessage().contains("[soon]"), e.getMessage());
        assertTrue(e.getMessage().contains("filter init-param redisTimeout"), e.getMessage());
        assertTrue(e.getMessage().contains("500ms"), e.getMessage());

        assertRejected("saveMode", "sometimes");
        assertRejected("flush", "later");
        assertRejected("maxInactiveInterval", "1h");
        assertRejected("cookieSameSite", "Loose");
        assertRejected("cookieHttpOnly", "yes");
        assertRejected("sessionTracking", "ssl");
        assertRejected("redisTimeout", "0");
        assertRejected("cookiePath", "shop");
        assertRejected("sessionNamespace", "a{b}");
        assertRejected("keyPrefix", "x{y");
        assertRejected("jdkFilter", "maxdepth=x");
        assertRejected("jsonAllowedTypes", "com..x");
        assertRejected("redisUri", "localhost");
        assertRejected("writeAckReplicas", "-1");
        assertRejected("writeAckReplicas", "many");
        assertRejected("failoverWait", "-1s");
        assertRejected("failoverWait", "6m");
        assertRejected("failoverWait", "soon");
        assertRejected("tlsVerify", "sometimes");
        assertRejected("tlsCaFile", "/no/such/ca.pem");
        assertRejected("tlsKeyStore", "/no/such/client.p12");
        assertRejected("cookieAttributes", "Path=/elsewhere");
        assertRejected("cookieAttributes", "Bad Name=x");
    }

    @Test
    void cookieAttributesAreNameValuePairsAndFlagsInOrder() {
        RedisSessionSettings settings = SettingsParser.parse(List.of(source("filter init-param",
                Map.of("sessionNamespace", "shop", "cookieAttributes", " Priority=High; Partitioned ;"))));
        assertEquals(List.of(Map.entry("Priority", "High"), Map.entry("Partitioned", "")),
                List.copyOf(settings.cookieAttributes().entrySet()));
    }

    @Test
    void acknowledgementTimeoutMustBeShorterThanTheCommandTimeout() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(List.of(
                source("init", Map.of("sessionNamespace", "ns", "writeAckReplicas", "1", "writeAckTimeout", "2s",
                        "redisTimeout", "2s")))));
        assertEquals("writeAckTimeout", e.getSetting());
        assertTrue(e.getMessage().contains("shorter than redisTimeout"), e.getMessage());
        RedisSessionSettings ok = SettingsParser.parse(List.of(source("init", Map.of("sessionNamespace", "ns",
                "writeAckReplicas", "2", "writeAckTimeout", "300ms", "tlsVerify", "CA"))));
        assertEquals(2, ok.writeAckReplicas());
        assertEquals(RedisSessionSettings.DEFAULT_FAILOVER_WAIT, ok.failoverWait());
        assertEquals(Duration.ofMillis(300), ok.writeAckTimeout());
        assertEquals(TlsSettings.Verify.CA, ok.tls().verify());
    }

    @Test
    void missingNamespaceIsReported() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingsParser.parse(List.of()));
        assertEquals("sessionNamespace", e.getSetting());
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("REDIS_SESSION_REDIS_URI", SettingSource.environmentName("redisUri"));
        assertEquals("REDIS_SESSION_MAX_INACTIVE_INTERVAL", SettingSource.environmentName("maxInactiveInterval"));
        SettingSource env = SettingSource.environment(Map.of("REDIS_SESSION_SESSION_NAMESPACE", "fromenv"));
        assertEquals("fromenv", SettingsParser.parse(List.of(env)).sessionNamespace());
    }

    private static void assertRejected(String name, String value) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("sessionNamespace", "ns"));
        values.put(name, value);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> SettingsParser.parse(List.of(
                source("test", values))), name + "=" + value);
        assertEquals(name, e.getSetting());
        assertTrue(e.getMessage().contains("test " + name), e.getMessage());
    }
}
