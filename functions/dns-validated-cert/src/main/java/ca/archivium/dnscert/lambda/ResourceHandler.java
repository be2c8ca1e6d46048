package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.log.JsonLog;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry for CloudFormation requests (the ServiceToken). Reads the raw event so that even a malformed
 * one can be answered, rather than failing in the runtime's deserialiser and leaving the stack waiting.
 */
public final class ResourceHandler implements RequestStreamHandler {
    private final Lifecycle lifecycle;

    public ResourceHandler() {
        this(Container.fromEnvironment());
    }

    public ResourceHandler(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (JsonLog.Scope invocation = lifecycle.invocation(Invocations.idOf(context))) {
            lifecycle.requests().handle(input.readAllBytes());
        }
    }
}
