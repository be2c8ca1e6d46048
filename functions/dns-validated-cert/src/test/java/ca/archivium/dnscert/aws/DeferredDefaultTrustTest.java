package ca.archivium.dnscert.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class DeferredDefaultTrustTest {

    @Test
    void trustsTheSameCertificateAuthoritiesAsTheJdkDefault() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdkDefault = Arrays.stream(factory.getTrustManagers())
            .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst().orElseThrow();

        assertThat(new DeferredDefaultTrust().getAcceptedIssuers())
            .as("deferring the load must not change which CAs are trusted")
            .isNotEmpty()
            .containsExactlyInAnyOrder(jdkDefault.getAcceptedIssuers());
    }
}
