package io.redissession.redis;

import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SettingSource;
import io.redissession.config.SettingsParser;
import io.redissession.testkit.FreePorts;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.TestCertificates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Redis server that listens on a plain and a TLS port, and filter connectors to either port. */
final class PlainAndTlsRedis implements AutoCloseable {

    private final TestCertificates certificates = TestCertificates.shared();
    private final int tlsPort = FreePorts.next();
    private final RedisServer server;

    PlainAndTlsRedis() {
        server = RedisServer.start("--tls-port", String.valueOf(tlsPort),
                "--tls-cert-file", certificates.serverCertificate().toString(),
                "--tls-key-file", certificates.serverKey().toString(),
                "--tls-ca-cert-file", certificates.caCertificate().toString(), "--tls-auth-clients", "no");
    }

    /** @return the server, for its plain port */
    RedisServer server() {
        return server;
    }

    /** @return a connector over plain TCP with the given settings besides {@code redisUri} */
    RedisConnector plain(Map<String, String> settings) {
        return connector(server.uri(), settings);
    }

    /** @return a connector over TLS, trusting the test CA, with the given settings besides {@code redisUri} */
    RedisConnector tls(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("tlsCaFile", certificates.caCertificate().toString());
        return connector("rediss://127.0.0.1:" + tlsPort, values);
    }

    private static RedisConnector connector(String uri, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("redisUri", uri);
        RedisSessionSettings parsed = SettingsParser.parse(List.of(SettingSource.of("test", values::get)));
        return new RedisConnector(parsed);
    }

    @Override
    public void close() {
        server.close();
    }
}
