package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.lifecycle.UnhandledRequests;
import ca.archivium.dnscert.log.JsonLog;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry for the resource handler's on-failure destination: receives Lambda's record of a CloudFormation event
 * it gave up on and answers the request FAILED. Builds no AWS client: the answer is a PUT to the pre-signed URL.
 */
public final class UnhandledRequestHandler implements RequestStreamHandler {
    private final UnhandledRequests requests;

    public UnhandledRequestHandler() {
        this(fromEnvironment());
    }

    public UnhandledRequestHandler(UnhandledRequests requests) {
        this.requests = requests;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (JsonLog.Scope invocation = requests.invocation(Invocations.idOf(context))) {
            requests.answer(input.readAllBytes());
        }
    }

    private static UnhandledRequests fromEnvironment() {
        JsonLog log = JsonLog.toStandardOutput();
        // Lambda sets AWS_REGION: the function's partition decides which S3 hosts are AWS's.
        return new UnhandledRequests(Responder.standard(new ResponseUrlPolicy(
            System.getenv(ResponseUrlPolicy.ALLOWED_PREFIXES_VARIABLE), System.getenv("AWS_REGION")), log), log);
    }
}
