package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.FreePorts;
import io.redissession.testkit.RedisClusterNodes;
import io.redissession.testkit.RedisSentinelGroup;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * rediss:// against redis-server's TLS port, with a CA and certificates made by the test: server verification
 * with a CA file or a trust store, host name checks and tlsVerify, refusal of an untrusted server, client certificates when the server demands them, a Sentinel
 * group and a Cluster whose clients, replication, monitoring and bus all use TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {

    private TestCertificates certificates;
    private RedisServer serverAuthOnly;
    private int serverAuthOnlyTlsPort;
    private RedisServer mutual;
    private int mutualTlsPort;
    private RedisServer wrongHost;
    private int wrongHostTlsPort;

    @BeforeAll
    void start() {
        certificates = TestCertificates.shared();
        serverAuthOnlyTlsPort = FreePorts.next();
        serverAuthOnly = RedisServer.start(tlsArgs(serverAuthOnlyTlsPort, "no"));
        mutualTlsPort = FreePorts.next();
        mutual = RedisServer.start(tlsArgs(mutualTlsPort, "yes"));
        wrongHostTlsPort = FreePorts.next();
        wrongHost = RedisServer.start("--tls-port", String.valueOf(wrongHostTlsPort),
                "--tls-cert-file", certificates.otherHostCertificate().toString(),
                "--tls-key-file", certificates.otherHostKey().toString(),
                "--tls-ca-cert-file", certificates.caCertificate().toString(), "--tls-auth-clients", "no");
    }

    private String[] tlsArgs(int port, String authClients) {
        return new String[] {"--tls-port", String.valueOf(port),
            "--tls-cert-file", certificates.serverCertificate().toString(),
            "--tls-key-file", certificates.serverKey().toString(),
            "--tls-ca-cert-file", certificates.caCertificate().toString(),
            "--tls-auth-clients", authClients};
    }

    @AfterAll
    void stop() {
        ProbeApp.closeAll(List.of(serverAuthOnly, mutual, wrongHost));
    }

    private static int statusOfCreate(String uri, Map<String, String> settings) {
        return statusOfCreate(uri, settings, null);
    }

    /** With {@code server}, also checks that the session's scripts ran on a connection to it, over TLS. */
    private static int statusOfCreate(String uri, Map<String, String> settings, RedisServer server) {
        Map<String, String> params = new HashMap<>(settings);
        params.put("sessionNamespace", "tls");
        params.put("connectTimeout", "1s");
        try (ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", uri, params))) {
            Browser browser = new Browser();
            int status = browser.get(tomcat.baseUrl() + "/app/probe/create?name=a&value=1").status();
            if (status == 200) {
                assertEquals("1", ProbeApp.parse(browser.get(tomcat.baseUrl() + "/app/probe/info")).get("attr.a"));
                if (server != null) {
                    assertScriptsRanOn(server);
                }
            }
            return status;
        }
    }

    @Test
    void trustsTheServerThroughACaFile() {
        assertEquals(200, statusOfCreate("rediss://127.0.0.1:" + serverAuthOnlyTlsPort,
                Map.of("tlsCaFile", certificates.caCertificate().toString()), serverAuthOnly));
    }

    @Test
    void trustsTheServerThroughATrustStore() {
        assertEquals(200, statusOfCreate("rediss://127.0.0.1:" + serverAuthOnlyTlsPort,
                Map.of("tlsTrustStore", certificates.trustStore().toString(),
                        "tlsTrustStorePassword", TestCertificates.PASSWORD), serverAuthOnly));
    }

    @Test
    void checksTheHostNameUnlessTlsVerifySaysOtherwise() {
        String uri = "rediss://127.0.0.1:" + wrongHostTlsPort;
        String ca = certificates.caCertificate().toString();
        assertEquals(500, statusOfCreate(uri, Map.of("tlsCaFile", ca)), "full: certificate for another host");
        assertEquals(200, statusOfCreate(uri, Map.of("tlsCaFile", ca, "tlsVerify", "ca"), wrongHost),
                "ca: chain only");
        assertEquals(500, statusOfCreate(uri, Map.of("tlsCaFile", certificates.otherCaCertificate().toString(),
                "tlsVerify", "ca")), "ca: still checks the chain");
        assertEquals(200, statusOfCreate(uri, Map.of("tlsCaFile", certificates.otherCaCertificate().toString(),
                "tlsVerify", "none"), wrongHost), "none: nothing checked");
    }

    @Test
    void refusesAServerSignedByAnotherCa() {
        try (LogCapture log = LogCapture.start()) {
            assertEquals(500, statusOfCreate("rediss://127.0.0.1:" + serverAuthOnlyTlsPort,
                    Map.of("tlsCaFile", certificates.otherCaCertificate().toString())));
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("not reachable yet")
                    && line.contains("127.0.0.1:" + serverAuthOnlyTlsPort)), log.lines().toString());
        }
    }

    @Test
    void presentsAClientCertificateWhenTheServerDemandsOne() {
        String uri = "rediss://127.0.0.1:" + mutualTlsPort;
        assertEquals(200, statusOfCreate(uri, Map.of("tlsCaFile", certificates.caCertificate().toString(),
                "tlsKeyStore", certificates.clientKeyStore().toString(),
                "tlsKeyStorePassword", TestCertificates.PASSWORD), mutual));
        assertEquals(500, statusOfCreate(uri, Map.of("tlsCaFile", certificates.caCertificate().toString())));
    }

    private static void assertScriptsRanOn(RedisServer server) {
        try (RedisTestConnection admin = server.connect()) {
            assertTrue(RedisClients.scriptCalls(admin) > 0, "scripts ran on a connection to "
                    + server + ": " + admin.string("CLIENT", "LIST"));
        }
    }

    @Test
    void sentinelOverTls() {
        try (RedisSentinelGroup group = RedisSentinelGroup.start("tls-sessions",
                port -> List.of(tlsArgs(port, "no")))) {
            String uri = group.sentinels().stream().map(sentinel -> "127.0.0.1:" + group.tlsPort(sentinel))
                    .collect(Collectors.joining(",", "rediss-sentinel://", "#tls-sessions"));
            assertEquals(200, statusOfCreate(uri, Map.of("tlsCaFile", certificates.caCertificate().toString()),
                    group.master()));
            assertEquals(500, statusOfCreate(uri, Map.of("tlsCaFile",
                    certificates.otherCaCertificate().toString())));
        }
    }

    @Test
    void clusterOverTls() {
        assumeTrue(serverAuthOnly.version().compareTo("7") >= 0, "cluster-port needs Redis 7");
        Map<Integer, Integer> tlsPorts = new java.util.concurrent.ConcurrentHashMap<>();
        try (RedisClusterNodes cluster = RedisClusterNodes.start(3, 1, port -> {
            int tlsPort = FreePorts.next();
            tlsPorts.put(port, tlsPort);
            List<String> args = new ArrayList<>(List.of(tlsArgs(tlsPort, "no")));
            // the bus stays 10000 above the plain port (which the test kit uses to build the cluster), over TLS
            args.addAll(List.of("--tls-cluster", "yes", "--tls-replication", "yes",
                    "--cluster-port", String.valueOf(port + 10_000)));
            return args;
        })) {
            String seeds = cluster.masters().stream().map(node -> "127.0.0.1:" + tlsPorts.get(node.port()))
                    .collect(Collectors.joining(","));
            Map<String, String> params = Map.of("sessionNamespace", "tls-cluster", "tlsCaFile",
                    certificates.caCertificate().toString());
            try (ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", "rediss-cluster://" + seeds,
                    params))) {
                java.util.Set<Integer> masters = new java.util.HashSet<>();
                for (int i = 0; i < 24; i++) {
                    Browser browser = new Browser();
                    String id = ProbeApp.parse(browser.get(tomcat.baseUrl() + "/app/probe/create?name=a&value=" + i))
                            .get("id");
                    assertEquals(String.valueOf(i), ProbeApp.parse(browser.get(tomcat.baseUrl() + "/app/probe/info"))
                            .get("attr.a"));
                    masters.add(cluster.nodeForSlot(RedisClusterNodes.slot(ProbeApp.sessionKey("tls-cluster", id)))
                            .port());
                }
                assertEquals(3, masters.size(), "sessions on every master, each reached over TLS");
                cluster.masters().forEach(TlsIT::assertScriptsRanOn);
            }
            assertEquals(500, statusOfCreate("rediss-cluster://" + seeds,
                    Map.of("tlsCaFile", certificates.otherCaCertificate().toString())));
        }
    }

    @Test
    void missingCertificateFileFailsTheFilterAtStartUp() {
        try (LogCapture log = LogCapture.start()) {
            try (ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/broken",
                    "rediss://127.0.0.1:" + serverAuthOnlyTlsPort, Map.of("tlsCaFile", "/no/such/ca.pem")))) {
                assertTrue(new Browser().get(tomcat.baseUrl() + "/broken/probe/nosession").status() >= 400);
            } catch (IllegalStateException e) {
                // the container refused to start the app: the cause is in the log
            }
            assertTrue(log.lines().stream().anyMatch(line -> line.contains(
                    "Invalid setting tlsCaFile [/no/such/ca.pem] from filter init-param tlsCaFile: a readable file")),
                    log.lines().toString());
        }
    }
}
