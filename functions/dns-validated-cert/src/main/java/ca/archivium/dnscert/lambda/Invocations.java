package ca.archivium.dnscert.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/** What the handlers read of Lambda's invocation context. */
final class Invocations {
    private Invocations() {
    }

    /** The invocation's id, as Lambda's own log lines give it; null without a context (a test, the command line). */
    static String idOf(Context context) {
        return context == null ? null : context.getAwsRequestId();
    }
}
