package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.json.JsonTrees;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a {@link CfnResponse}, fitted into CloudFormation's limit.
 *
 * <p>CloudFormation rejects a body over {@value #MAX_BODY_BYTES} bytes and the stack then waits until its
 * timeout, so the body always fits: it first shortens {@code Reason} (down to {@value #REASON_KEPT_BYTES}
 * bytes), then drops optional {@code Data} keys, last first, then shortens {@code Reason} further. The
 * response's essential Data keys (such as {@code Arn}) are never dropped.
 */
public final class ResponseBody {

    /** CloudFormation's limit on the response body. */
    public static final int MAX_BODY_BYTES = 4096;
    /** How much of a long Reason survives before optional Data is given up. */
    public static final int REASON_KEPT_BYTES = 1024;
    /** Ends a shortened Reason. */
    public static final String TRUNCATION_MARK = "… (truncated)";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CfnResponse response;
    private final String reason;
    private final int reasonLength;

    private ResponseBody(CfnResponse response) {
        this.response = response;
        this.reason = response.reason();
        this.reasonLength = reason == null ? 0 : reason.codePointCount(0, reason.length());
    }

    /**
     * The body to PUT, UTF-8, at most {@value #MAX_BODY_BYTES} bytes.
     *
     * @throws IllegalStateException if the ids and essential Data alone exceed the limit
     */
    public static byte[] toJsonBytes(CfnResponse response) {
        return new ResponseBody(response).fitted();
    }

    private byte[] fitted() {
        byte[] whole = body(reason, response.data());
        if (whole.length <= MAX_BODY_BYTES) {
            return whole;
        }
        int keptLength = Math.min(reasonLength, codePointsWithin(reason, REASON_KEPT_BYTES));

        byte[] reasonShortened = longestFitting(response.data(), keptLength);
        if (reasonShortened != null) {
            return reasonShortened;
        }
        List<String> optionalKeys = new ArrayList<>(response.data().keySet());
        optionalKeys.removeAll(response.essentialDataKeys());
        Map<String, Object> kept = new LinkedHashMap<>(response.data());
        for (int i = optionalKeys.size() - 1; i >= 0; i--) {
            kept.remove(optionalKeys.get(i));
            byte[] dataDropped = longestFitting(kept, keptLength);
            if (dataDropped != null) {
                return dataDropped;
            }
        }
        byte[] lastResort = longestFitting(kept, 0);
        if (lastResort == null) {
            throw new IllegalStateException("The response for " + response.logicalResourceId() + " does not fit in "
                    + MAX_BODY_BYTES + " bytes even without Reason and optional Data (essential Data keys: "
                    + response.essentialDataKeys() + ")");
        }
        return lastResort;
    }

    /**
     * The body with {@code someData} and the longest Reason of at least {@code minCodePoints} that fits, or null.
     * The whole Reason is tried first; a shortened one is always marked.
     */
    private byte[] longestFitting(Map<String, Object> someData, int minCodePoints) {
        byte[] untouched = body(reason, someData);
        if (untouched.length <= MAX_BODY_BYTES) {
            return untouched;
        }
        if (reasonLength == 0) {
            return null;
        }
        // Every code point is at least one byte, so no fitting prefix is longer than the limit.
        int low = minCodePoints;
        int high = Math.min(reasonLength - 1, MAX_BODY_BYTES);
        byte[] best = null;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            byte[] candidate = body(shortened(reason, middle), someData);
            if (candidate.length <= MAX_BODY_BYTES) {
                best = candidate;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return best;
    }

    private byte[] body(String someReason, Map<String, Object> someData) {
        ObjectNode body = NODES.objectNode();
        body.put("Status", response.status().name());
        if (someReason != null) {
            body.put("Reason", someReason);
        }
        body.put("PhysicalResourceId", response.physicalResourceId());
        body.put("StackId", response.stackId());
        body.put("RequestId", response.requestId());
        body.put("LogicalResourceId", response.logicalResourceId());
        body.put("NoEcho", response.noEcho());
        body.set("Data", JsonTrees.of(someData));
        return JsonTrees.writeBytes(body);
    }

    private static String shortened(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, codePoints)) + TRUNCATION_MARK;
    }

    private static int codePointsWithin(String text, int maxBytes) {
        if (text == null) {
            return 0;
        }
        int bytes = 0;
        int count = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            bytes += utf8Length(text.codePointAt(i));
            if (bytes > maxBytes) {
                break;
            }
            count++;
        }
        return count;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
