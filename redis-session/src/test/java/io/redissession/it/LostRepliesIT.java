package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.SeveringProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes that Redis ran but whose reply was lost, what a failover does to a command in flight: a relay in front of
 * Redis cuts the connection right after the command reached Redis. A creation, a save and a session id change still
 * answer the request as saved (each is sent again or checked, as configuration.md says); an invalidation or a forced logout
 * whose reply was lost counts as the request's own once the destroyed copy shows it (its event fires once, with the
 * stored values), and is sent again when the copy shows it never ran; an expiry whose claim or delete lost its reply is settled at the node's next sweep, so the event comes once and promptly, not a claim lease
 * (60 s) later and not twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostRepliesIT {

    private static final String CLAIM_SHA = sha1("/io/redissession/redis/claim-expired.lua");
    private static final String DESTROY_SHA = sha1("/io/redissession/redis/destroy.lua");
    private static final String COMMIT_SHA = sha1("/io/redissession/redis/commit.lua");
    private static final String CREATE_SHA = sha1("/io/redissession/redis/create.lua");
    /** Well under the claim lease of 60 s after which another sweep would take the session anyway. */
    private static final long PROMPTLY_MILLIS = 15_000;

    private RedisServer redis;
    private SeveringProxy proxy;
    private ServletContainer tomcat;
    private RedisTestConnection cli;

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        proxy = SeveringProxy.start(redis.port());
        cli = redis.connect();
        tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", "redis://127.0.0.1:" + proxy.port(),
                Map.of("sessionNamespace", "lost-replies", "sessionListeners", RecordingListener.class.getName())),
                ProbeApp.spec("/near", "redis://127.0.0.1:" + proxy.port(),
                        Map.of("sessionNamespace", "lost-near", "nearCache", "on")));
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(List.of(tomcat, proxy, cli, redis));
    }

    @Test
    void anExpiryWhoseClaimReplyWasLostIsDeliveredOnceAtTheNextSweep() throws InterruptedException {
        int cutBefore = proxy.severedCount();
        proxy.severAfter(CLAIM_SHA);
        String id = createExpiringSession("claimed");

        awaitTrue(() -> !RecordingListener.of("destroyed", id).isEmpty(), "the expiry was delivered");
        assertEquals(cutBefore + 1, proxy.severedCount(), "the claim's connection was cut");
        RecordingListener.Event destroyed = RecordingListener.of("destroyed", id).get(0);
        assertEquals("payload=claimed", destroyed.detail());
        assertTrue(destroyed.at() - destroyed.deadline() < PROMPTLY_MILLIS, "delivered "
                + (destroyed.at() - destroyed.deadline()) + " ms after the deadline, not a lease later");
        awaitTrue(() -> cli.integer("EXISTS", ProbeApp.sessionKey("lost-replies", id)) == 0, "the session deleted");
        Thread.sleep(1500);
        assertEquals(1, RecordingListener.of("destroyed", id).size(), "delivered once");
    }

    @Test
    void anExpiryWhoseDeleteReplyWasLostIsDeletedWithoutASecondEvent() throws InterruptedException {
        int cutBefore = proxy.severedCount();
        proxy.severAfter(DESTROY_SHA);
        String id = createExpiringSession("deleted");

        awaitTrue(() -> !RecordingListener.of("destroyed", id).isEmpty(), "the expiry was delivered");
        long delivered = System.currentTimeMillis();
        awaitTrue(() -> proxy.severedCount() > cutBefore, "the delete's connection was cut");
        awaitTrue(() -> cli.integer("EXISTS", ProbeApp.sessionKey("lost-replies", id)) == 0, "the session deleted");
        assertTrue(System.currentTimeMillis() - delivered < PROMPTLY_MILLIS, "deleted at the next sweep, not when"
                + " the claim lapses, after which another sweep would deliver it again");
        Thread.sleep(1500);
        assertEquals(1, RecordingListener.of("destroyed", id).size(), "delivered once");
    }

    @Test
    void aCreationWhoseReplyWasLostIsTheSessionTheBrowserGets() {
        Browser browser = new Browser();
        int cutBefore = proxy.severedCount();
        proxy.severAfter(CREATE_SHA);
        Browser.Response created = browser.get(url("create?name=payload&value=created"));
        assertEquals(cutBefore + 1, proxy.severedCount(), "the creation's connection was cut");
        assertEquals(200, created.status(), created.body());
        String id = ProbeApp.parse(created).get("id");
        assertEquals(id, ProbeApp.parse(browser.get(url("info"))).get("id"));
        assertEquals("created", ProbeApp.parse(browser.get(url("get?name=payload"))).get("value"));
    }

    @Test
    void aSaveWhoseReplyWasLostIsSaved() {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url("create?name=payload&value=before"))).get("id");
        int cutBefore = proxy.severedCount();
        proxy.severAfter(COMMIT_SHA);
        Browser.Response saved = browser.get(url("set?name=payload&value=after"));
        assertEquals(cutBefore + 1, proxy.severedCount(), "the save's connection was cut");
        assertEquals(200, saved.status(), saved.body());
        assertEquals(id, ProbeApp.parse(browser.get(url("info"))).get("id"));
        assertEquals("after", ProbeApp.parse(browser.get(url("get?name=payload"))).get("value"));
    }

    @Test
    void aSessionIdChangeWhoseReplyWasLostCountsAsSavedOnceTheKeysShowIt() {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url("create?name=payload&value=renamed"))).get("id");
        int cutBefore = proxy.severedCount();
        proxy.severAfter(COMMIT_SHA);
        Browser.Response changed = browser.get(url("change-id"));
        assertEquals(cutBefore + 1, proxy.severedCount(), "the rename's connection was cut");
        assertEquals(200, changed.status(), changed.body());
        String newId = ProbeApp.parse(changed).get("new");
        assertEquals(0, cli.integer("EXISTS", ProbeApp.sessionKey("lost-replies", id)), "nothing under the old id");
        assertEquals(newId, ProbeApp.parse(browser.get(url("info"))).get("id"));
        assertEquals("renamed", ProbeApp.parse(browser.get(url("get?name=payload"))).get("value"));
    }

    @Test
    void anInvalidationWhoseReplyWasLostIsThisRequestsDestroyWithTheStoredValues() throws InterruptedException {
        Browser browser = new Browser();
        // over largeAttributeSize: a value this request never read, which only the store can give the event
        String large = "L".repeat(2000);
        String id = ProbeApp.parse(browser.get(url("create?name=payload&value=" + large))).get("id");
        invalidateWithCut(browser, id, () -> proxy.severAfter(DESTROY_SHA));
        assertDestroyedOnce(id, large);
    }

    @Test
    void anInvalidationThatNeverReachedRedisIsSentAgain() throws InterruptedException {
        Browser browser = new Browser();
        String id = ProbeApp.parse(browser.get(url("create?name=payload&value=dropped"))).get("id");
        invalidateWithCut(browser, id, () -> proxy.dropAndSever(DESTROY_SHA));
        assertDestroyedOnce(id, "dropped");
    }

    @Test
    void aForcedLogoutWhoseReplyWasLostEndsTheSessionOnce() throws InterruptedException {
        Browser user = new Browser();
        user.get(url("create?name=payload&value=logged-out"));
        Map<String, String> login = ProbeApp.parse(user.get(url("login?user=lost-reply-user")));
        assertEquals("lost-reply-user", login.get("user"));
        String id = login.get("id");
        int cutBefore = proxy.severedCount();
        proxy.severAfter(DESTROY_SHA);
        Browser.Response ended = new Browser().get(url("logout-everywhere?user=lost-reply-user"));
        assertEquals(cutBefore + 1, proxy.severedCount(), "the destroy's connection was cut");
        assertEquals(200, ended.status(), ended.body());
        assertEquals("1", ProbeApp.parse(ended).get("ended"));
        assertEquals("forced-logout", cli.string("HGET", ProbeApp.sessionKey("lost-replies", id), "loggedOut"),
                "the marker tells the browser's next request");
        assertDestroyedOnce(id, "logged-out");
    }

    /** Invalidates the browser's session with the relay armed: the request answers 200 and the session is gone. */
    private void invalidateWithCut(Browser browser, String id, Runnable arm) {
        int cutBefore = proxy.severedCount();
        arm.run();
        Browser.Response invalidated = browser.get(url("invalidate"));
        assertEquals(cutBefore + 1, proxy.severedCount(), "the destroy's connection was cut");
        assertEquals(200, invalidated.status(), invalidated.body());
        assertEquals(0, cli.integer("EXISTS", ProbeApp.sessionKey("lost-replies", id)), "the session is gone");
    }

    /** The session's destroy event fires, with the stored payload, and only once. */
    private static void assertDestroyedOnce(String id, String payload) throws InterruptedException {
        awaitTrue(() -> !RecordingListener.of("destroyed", id).isEmpty(), "the destroy event fired");
        assertEquals("payload=" + payload, RecordingListener.of("destroyed", id).get(0).detail());
        Thread.sleep(1500);
        assertEquals(1, RecordingListener.of("destroyed", id).size(), "fired once");
    }

    @Test
    void aSaveOfACachedSessionWhoseReplyWasLostIsSavedAndReadBack() {
        // with the near cache, the commit goes on the cache's own connection and brings the session back
        Browser browser = new Browser();
        String near = "/near/probe/";
        String id = ProbeApp.parse(browser.get(tomcat.url(near + "create?name=payload&value=before"))).get("id");
        assertEquals("value=before", browser.get(tomcat.url(near + "get?name=payload")).body().trim());
        int cutBefore = proxy.severedCount();
        proxy.severAfter(COMMIT_SHA);
        Browser.Response saved = browser.get(tomcat.url(near + "set?name=payload&value=after"));
        assertEquals(cutBefore + 1, proxy.severedCount(), "the commit's connection was cut");
        assertEquals(200, saved.status(), saved.body());
        for (int i = 0; i < 3; i++) {
            assertEquals("value=after", browser.get(tomcat.url(near + "get?name=payload")).body().trim());
        }
        assertEquals(id, ProbeApp.parse(browser.get(tomcat.url(near + "info"))).get("id"));
    }

    private String url(String path) {
        return tomcat.url("/app/probe/" + path);
    }

    private String createExpiringSession(String payload) {
        Browser browser = new Browser();
        return ProbeApp.parse(browser.get(url("create?timeout=1&name=payload&value=" + payload))).get("id");
    }

    private static void awaitTrue(BooleanSupplier check, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PROMPTLY_MILLIS;
        while (!check.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + PROMPTLY_MILLIS + " ms: " + what + "; events: "
                        + RecordingListener.EVENTS);
            }
            Thread.sleep(50);
        }
    }

    private static String sha1(String resource) {
        try (InputStream in = LostRepliesIT.class.getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(in.readAllBytes()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
