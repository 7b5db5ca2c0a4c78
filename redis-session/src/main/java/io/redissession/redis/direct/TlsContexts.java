package io.redissession.redis.direct;

import io.redissession.config.TlsSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the JDK TLS context that the TLS settings describe: trusted CAs, client certificate, verification. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param tls the TLS settings; not {@code null}
     * @return an opener of TLS sockets that trusts and verifies what the settings say
     * @throws GeneralSecurityException if the key material is unusable
     * @throws IOException if a certificate or store file cannot be read
     */
    public static SocketOpener socketOpener(TlsSettings tls) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(tls), trustManagers(tls), null);
        return SocketOpener.tls(context.getSocketFactory(), tls.verify() == TlsSettings.Verify.FULL);
    }

    private static KeyManager[] keyManagers(TlsSettings tls)
            throws GeneralSecurityException, IOException {
        if (tls.keyStore() == null) {
            return null;
        }
        char[] password = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            store.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(TlsSettings tls) throws GeneralSecurityException, IOException {
        if (tls.verify() == TlsSettings.Verify.NONE) {
            return new TrustManager[] {new TrustAll()};
        }
        if (tls.caFile() == null && tls.trustStore() == null) {
            return null;
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        if (tls.trustStore() != null) {
            char[] password = tls.trustStorePassword() == null ? null : tls.trustStorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(tls.trustStore())) {
                trusted.load(in, password);
            }
        } else {
            trusted.load(null, null);
        }
        if (tls.caFile() != null) {
            try (InputStream in = Files.newInputStream(tls.caFile())) {
                int n = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("ca-" + n++, certificate);
                }
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    /** {@code tlsVerify=none}: any certificate is accepted, as the setting asks. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepted by configuration
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted by configuration
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
