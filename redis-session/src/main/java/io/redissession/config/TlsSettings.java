package io.redissession.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a {@code rediss...} connection trusts the server and, optionally, proves the client's identity. Without any
 * of them, the JVM's default trust store is used and no client certificate is sent.
 *
 * @param caFile PEM file of the certificate authorities to trust, or {@code null}
 * @param trustStore JKS or PKCS#12 trust store, or {@code null}
 * @param trustStorePassword its password, or {@code null}
 * @param keyStore JKS or PKCS#12 key store holding the client certificate and key, or {@code null}
 * @param keyStorePassword its password, or {@code null}
 * @param verify how much of the server certificate is checked
 */
public record TlsSettings(Path caFile, Path trustStore, String trustStorePassword, Path keyStore,
        String keyStorePassword, Verify verify) {

    /** The JVM's trust store, full verification, no client certificate. */
    public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, null, null, Verify.FULL);

    /** How much of the server certificate is checked. */
    public enum Verify {
        /** The chain and the host name (the default). */
        FULL,
        /** The chain only. */
        CA,
        /** Nothing: for tests only, it gives up the protection TLS is for. */
        NONE;

        static Verify parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("tlsVerify", value, null, "full, ca or none");
            }
        }
    }

    /** @param file PEM CA file, or {@code null} @return a copy with it */
    public TlsSettings withCaFile(Path file) {
        return new TlsSettings(file, trustStore, trustStorePassword, keyStore, keyStorePassword, verify);
    }

    /** @param file trust store, or {@code null} @return a copy with it */
    public TlsSettings withTrustStore(Path file) {
        return new TlsSettings(caFile, file, trustStorePassword, keyStore, keyStorePassword, verify);
    }

    /** @param password trust store password, or {@code null} @return a copy with it */
    public TlsSettings withTrustStorePassword(String password) {
        return new TlsSettings(caFile, trustStore, password, keyStore, keyStorePassword, verify);
    }

    /** @param file client key store, or {@code null} @return a copy with it */
    public TlsSettings withKeyStore(Path file) {
        return new TlsSettings(caFile, trustStore, trustStorePassword, file, keyStorePassword, verify);
    }

    /** @param password client key store password, or {@code null} @return a copy with it */
    public TlsSettings withKeyStorePassword(String password) {
        return new TlsSettings(caFile, trustStore, trustStorePassword, keyStore, password, verify);
    }

    /** @param mode how much of the server certificate is checked; not {@code null} @return a copy with it */
    public TlsSettings withVerify(Verify mode) {
        return new TlsSettings(caFile, trustStore, trustStorePassword, keyStore, keyStorePassword, mode);
    }

    @Override
    public String toString() {
        return "TlsSettings[caFile=" + caFile + ", trustStore=" + trustStore + ", keyStore=" + keyStore
                + ", verify=" + verify + "]";
    }

    /** Checks that every file named exists; called by {@link RedisSessionSettings.Builder#build()}. */
    void validate() {
        readable("tlsCaFile", caFile);
        readable("tlsTrustStore", trustStore);
        readable("tlsKeyStore", keyStore);
        if (caFile != null && trustStore != null) {
            throw new InvalidSettingException("tlsTrustStore", trustStore.toString(), null,
                    "either tlsCaFile or tlsTrustStore, not both");
        }
    }

    private static void readable(String setting, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new InvalidSettingException(setting, file.toString(), null, "a readable file");
        }
    }
}
