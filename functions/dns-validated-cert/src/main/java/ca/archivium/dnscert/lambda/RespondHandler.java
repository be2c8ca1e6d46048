package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.log.JsonLog;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Lambda entry for the wait loop's Respond task: answers CloudFormation from the last step document. */
public final class RespondHandler implements RequestStreamHandler {
    private final Lifecycle lifecycle;

    public RespondHandler() {
        this(Container.fromEnvironment());
    }

    public RespondHandler(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (JsonLog.Scope invocation = lifecycle.invocation(Invocations.idOf(context))) {
            output.write(JsonTrees.writeBytes(JsonTrees.of(lifecycle.respond().respond(JsonTrees.read(input.readAllBytes())))));
        }
    }
}
