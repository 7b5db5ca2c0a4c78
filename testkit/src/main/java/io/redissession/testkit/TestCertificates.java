package io.redissession.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a server certificate (for 127.0.0.1 and localhost) and a client
 * certificate, made with the JDK's {@code keytool}, so TLS tests need nothing but a JDK. Files, in {@link #dir()}:
 * {@code ca.crt} (PEM), {@code truststore.p12} (PKCS#12 trust store with that CA), {@code server.crt} and
 * {@code server.key} (PEM, for redis-server), {@code elsewhere.crt} and {@code elsewhere.key} (a server
 * certificate of the same CA for another host name only), {@code client.p12} (PKCS#12 with the client key and
 * chain), {@code other-ca.crt} (an unrelated CA, to test refusals).
 */
public final class TestCertificates {

    /** Password of every key store made here. */
    public static final String PASSWORD = "changeit";

    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * @return one set of certificates for every test of this JVM, made on first use (keytool takes seconds)
     * @throws IllegalStateException if keytool fails
     */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /**
     * @return freshly made certificates in a new temporary directory
     * @throws IllegalStateException if keytool fails
     */
    public static TestCertificates create() {
        try {
            Path dir = Files.createTempDirectory("redis-session-tls");
            TestCertificates certificates = new TestCertificates(dir);
            certificates.make();
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    /** @return the directory holding the files */
    public Path dir() {
        return dir;
    }

    /** @return {@code ca.crt} */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** @return {@code other-ca.crt}, a CA that signed nothing here */
    public Path otherCaCertificate() {
        return dir.resolve("other-ca.crt");
    }

    /** @return {@code server.crt} */
    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** @return {@code server.key} */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** @return {@code truststore.p12}: the CA of {@link #caCertificate()}, password {@link #PASSWORD} */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** @return {@code elsewhere.crt}, signed by the CA for the host name {@code elsewhere.invalid} only */
    public Path otherHostCertificate() {
        return dir.resolve("elsewhere.crt");
    }

    /** @return {@code elsewhere.key} */
    public Path otherHostKey() {
        return dir.resolve("elsewhere.key");
    }

    /** @return {@code client.p12} */
    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    private void make() throws IOException, GeneralSecurityException {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=test-ca",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=other-ca",
                "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12");
        keytool("-exportcert", "-alias", "other", "-keystore", "other.p12", "-rfc", "-file", "other-ca.crt");
        signed("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        signed("elsewhere", "CN=elsewhere.invalid", "SAN=dns:elsewhere.invalid");
        signed("client", "CN=redis-session-client", "EKU=clientAuth");
        Files.writeString(serverKey(), pem(dir.resolve("server.p12"), "server"), StandardCharsets.US_ASCII);
        Files.writeString(otherHostKey(), pem(dir.resolve("elsewhere.p12"), "elsewhere"), StandardCharsets.US_ASCII);
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", "truststore.p12", "-noprompt");
    }

    private void signed(String name, String dname, String extension) throws IOException {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile",
                name + ".crt", "-rfc", "-validity", "2", "-ext", extension);
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", store, "-noprompt");
        keytool("-importcert", "-alias", name, "-file", name + ".crt", "-keystore", store, "-noprompt");
    }

    private String pem(Path store, String alias) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Key key = keys.getKey(alias, PASSWORD.toCharArray());
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
