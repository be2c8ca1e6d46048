package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import java.util.Map;

/**
 * Keeps the ResponseURL, a bearer secret, out of plain sight while the wait loop carries it: the step document
 * (visible in the execution history) holds it sealed, and only the Respond step opens it.
 */
public interface ResponseUrlSeal {

    /** For a loop that runs in this process (the command line): the state never leaves it, so nothing to hide. */
    ResponseUrlSeal IN_PROCESS = new ResponseUrlSeal() {
        @Override
        public String seal(String responseUrl, Map<String, String> context) {
            return responseUrl;
        }

        @Override
        public String open(String carried, Map<String, String> context) {
            return carried;
        }
    };

    String seal(String responseUrl, Map<String, String> context);

    /** The ResponseURL from what {@link #seal} returned (a plain URL is returned as it is). */
    String open(String carried, Map<String, String> context);

    /**
     * What the sealed URL is bound to: a sealed URL copied into another request's state does not open there.
     */
    static Map<String, String> contextOf(CfnRequest request) {
        return Map.of("StackId", request.stackId(), "LogicalResourceId", request.logicalResourceId(),
            "RequestId", request.requestId());
    }
}
