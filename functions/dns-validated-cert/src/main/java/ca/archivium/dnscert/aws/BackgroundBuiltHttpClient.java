package ca.archivium.dnscert.aws;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The process's HTTP client, built on a thread of its own while the caller goes on: building the url-connection
 * client sets up the JDK's security providers and TLS context, tens of milliseconds of a cold start that need not
 * wait for anything else and that nothing else waits for until the first request. Every request (and
 * {@link #close()}) waits for the client and then goes to it unchanged.
 */
final class BackgroundBuiltHttpClient implements SdkHttpClient {
    private final FutureTask<SdkHttpClient> build;
    private final String clientName;

    /**
     * @param clientName what the built client's {@code clientName()} says: the SDK asks for it as each service client
     *                   is built (for its user agent), which should not wait for the build
     */
    private BackgroundBuiltHttpClient(Supplier<SdkHttpClient> builder, String clientName) {
        this.build = new FutureTask<>(builder::get);
        this.clientName = clientName;
    }

    /** Starts building the client; returns at once. */
    static BackgroundBuiltHttpClient start(Supplier<SdkHttpClient> builder, String clientName) {
        BackgroundBuiltHttpClient client = new BackgroundBuiltHttpClient(builder, clientName);
        Thread thread = new Thread(client.build, "http-client-build");
        thread.setDaemon(true);
        thread.start();
        return client;
    }

    /** The built client, once built; a failed build fails every call with its own exception. */
    SdkHttpClient built() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return build.get();
                } catch (InterruptedException e) {
                    // The build is short and bounded: finish waiting, then keep the interrupt for the caller.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the HTTP client could not be built", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return built().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return clientName;
    }

    @Override
    public void close() {
        built().close();
    }
}
