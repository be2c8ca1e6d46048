package ca.archivium.dnscert.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class BackgroundBuiltHttpClientTest {

    @Test
    void theNameGivenForTheUserAgentIsTheUrlConnectionClientsOwn() {
        try (SdkHttpClient real = UrlConnectionHttpClient.create()) {
            assertThat(ServiceClients.URL_CONNECTION_CLIENT_NAME).isEqualTo(real.clientName());
        }
    }

    @Test
    void theNameIsGivenWithoutWaitingForTheBuild() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundBuiltHttpClient client = builtOnceReleased(release, "UrlConnection");

        try {
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), client::clientName)).isEqualTo("UrlConnection");
        } finally {
            release.countDown();
            client.close();
        }
    }

    @Test
    void callsGoToTheBuiltClientAndCloseClosesIt() {
        AtomicBoolean closed = new AtomicBoolean();
        SdkHttpClient real = new SdkHttpClient() {
            @Override
            public software.amazon.awssdk.http.ExecutableHttpRequest prepareRequest(
                software.amazon.awssdk.http.HttpExecuteRequest request) {
                throw new UnsupportedOperationException("reached the built client");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        BackgroundBuiltHttpClient client = BackgroundBuiltHttpClient.start(() -> real, "test");

        assertThat(client.built()).isSameAs(real);
        assertThatThrownBy(() -> client.prepareRequest(null)).hasMessage("reached the built client");
        client.close();
        assertThat(closed).isTrue();
    }

    @Test
    void aFailedBuildFailsEachCallWithItsOwnException() {
        BackgroundBuiltHttpClient client = BackgroundBuiltHttpClient.start(() -> {
            throw new IllegalArgumentException("no TLS for you");
        }, "test");

        assertThatThrownBy(() -> client.prepareRequest(null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("no TLS for you");
        assertThatThrownBy(client::close).hasMessage("no TLS for you");
    }

    @Test
    void anInterruptWhileWaitingIsKeptForTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundBuiltHttpClient client = builtOnceReleased(release, "test");
        Thread.currentThread().interrupt();
        new Thread(() -> {
            sleepQuietly(100);
            release.countDown();
        }).start();

        try {
            assertThat(client.built()).isNotNull();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is still set (and now cleared)").isTrue();
            client.close();
        }
    }

    /** A client whose build waits until {@code release} is counted down. */
    private static BackgroundBuiltHttpClient builtOnceReleased(CountDownLatch release, String name) {
        return BackgroundBuiltHttpClient.start(() -> {
            awaitQuietly(release);
            return UrlConnectionHttpClient.create();
        }, name);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
