package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.StepStates;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Lambda entry for the wait loop's Reconcile task: step document in, next step document out. */
public final class ReconcileHandler implements RequestStreamHandler {
    private final Lifecycle lifecycle;

    public ReconcileHandler() {
        this(Container.fromEnvironment());
    }

    public ReconcileHandler(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (JsonLog.Scope invocation = lifecycle.invocation(Invocations.idOf(context))) {
            var state = StepStates.fromJson(JsonTrees.read(input.readAllBytes()));
            output.write(JsonTrees.writeBytes(StepStates.toJson(lifecycle.reconcile().step(state))));
        }
    }
}
