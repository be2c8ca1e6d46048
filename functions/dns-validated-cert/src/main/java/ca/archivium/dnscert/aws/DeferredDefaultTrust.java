package ca.archivium.dnscert.aws;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import software.amazon.awssdk.utils.Lazy;

/**
 * The JDK's default trust manager (the CA certificates of {@code cacerts}, or of {@code javax.net.ssl.trustStore}),
 * built on the first TLS handshake instead of when the SDK's HTTP client is built. The HTTP client sets up its TLS
 * context eagerly, and loading the CA certificates is most of that cost; a process that speaks plain http (an
 * emulator, a local endpoint) then never pays it. Every decision is the default trust manager's own.
 */
final class DeferredDefaultTrust extends X509ExtendedTrustManager {
    private final Lazy<X509ExtendedTrustManager> jdkDefault = new Lazy<>(DeferredDefaultTrust::loadJdkDefault);

    private static X509ExtendedTrustManager loadJdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the JDK's default trust manager is not an X509ExtendedTrustManager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's default trust manager: " + e.getMessage(), e);
        }
    }

    private X509ExtendedTrustManager jdkDefault() {
        return jdkDefault.getValue();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdkDefault().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        jdkDefault().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdkDefault().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdkDefault().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        jdkDefault().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdkDefault().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdkDefault().getAcceptedIssuers();
    }
}
