package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.log.Redaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The document PUT to the ResponseURL.
 *
 * <p>CloudFormation rejects a body over {@value #MAX_BODY_BYTES} bytes and the stack then waits until its
 * timeout, so {@link #toJsonBytes()} always fits: it first shortens {@code Reason} (down to
 * {@value #REASON_KEPT_BYTES} bytes), then drops optional {@code Data} keys, last first, then shortens
 * {@code Reason} further. Keys named in {@code essentialDataKeys} (such as {@code Arn}) are never dropped.
 *
 * @param reason            shown in the stack's events; a FAILED response always has one
 * @param data              the values {@code Fn::GetAtt} reads, each a String or a List of Strings, ordered
 *                          from most to least important
 * @param essentialDataKeys the keys of {@code data} that must never be dropped
 */
public record CfnResponse(Status status, String reason, String physicalResourceId, String stackId, String requestId,
                          String logicalResourceId, boolean noEcho, Map<String, Object> data,
                          Set<String> essentialDataKeys) {

    /** CloudFormation's limit on the response body. */
    public static final int MAX_BODY_BYTES = 4096;
    /** How much of a long Reason survives before optional Data is given up. */
    public static final int REASON_KEPT_BYTES = 1024;
    /** Ends a shortened Reason. */
    public static final String TRUNCATION_MARK = "… (truncated)";
    /** The Reason of a FAILED response that was given none. */
    public static final String DEFAULT_FAILURE_REASON =
            "The resource failed without a reason; see the function's CloudWatch logs for this RequestId";

    // Writes plain trees only; configured once, never changed, safe to share between threads.
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome CloudFormation is told. */
    public enum Status { SUCCESS, FAILED }

    /**
     * @throws IllegalArgumentException if an id is missing, a Data value is neither a String nor a list of
     *                                  Strings, or an essential key has no value
     */
    public CfnResponse {
        requireText(physicalResourceId, "PhysicalResourceId");
        requireText(stackId, "StackId");
        requireText(requestId, "RequestId");
        requireText(logicalResourceId, "LogicalResourceId");
        if (status == null) {
            throw new IllegalArgumentException("Status is missing");
        }
        // Reasons end up in stack events, readable by anyone who can describe the stack.
        reason = wellFormed(Redaction.text(reason));
        if (status == Status.FAILED && (reason == null || reason.isBlank())) {
            reason = DEFAULT_FAILURE_REASON;
        }
        data = checkedData(data == null ? Map.of() : data);
        essentialDataKeys = essentialDataKeys == null ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(essentialDataKeys));
        for (String key : essentialDataKeys) {
            if (!data.containsKey(key)) {
                throw new IllegalArgumentException("Essential Data key '" + key + "' has no value");
            }
        }
    }

    /**
     * A SUCCESS answer.
     *
     * @param data              the attributes, most important first
     * @param essentialDataKeys keys that must survive the size limit
     */
    public static CfnResponse success(ReplyAddress to, String physicalResourceId, Map<String, ?> data,
                                      Set<String> essentialDataKeys) {
        return new CfnResponse(Status.SUCCESS, null, physicalResourceId, to.stackId(), to.requestId(),
                to.logicalResourceId(), false, new LinkedHashMap<>(data), essentialDataKeys);
    }

    /** A FAILED answer; a null or blank reason becomes {@link #DEFAULT_FAILURE_REASON}. */
    public static CfnResponse failed(ReplyAddress to, String physicalResourceId, String reason) {
        return new CfnResponse(Status.FAILED, reason, physicalResourceId, to.stackId(), to.requestId(),
                to.logicalResourceId(), false, Map.of(), Set.of());
    }

    /**
     * The body to PUT, UTF-8, at most {@value #MAX_BODY_BYTES} bytes.
     *
     * @throws IllegalStateException if the ids and essential Data alone exceed the limit
     */
    public byte[] toJsonBytes() {
        byte[] whole = body(reason, data);
        if (whole.length <= MAX_BODY_BYTES) {
            return whole;
        }
        int reasonLength = reason == null ? 0 : reason.codePointCount(0, reason.length());
        int keptLength = Math.min(reasonLength, codePointsWithin(reason, REASON_KEPT_BYTES));

        byte[] reasonShortened = longestFitting(data, keptLength, reasonLength);
        if (reasonShortened != null) {
            return reasonShortened;
        }
        List<String> optionalKeys = new ArrayList<>(data.keySet());
        optionalKeys.removeAll(essentialDataKeys);
        Map<String, Object> kept = new LinkedHashMap<>(data);
        for (int i = optionalKeys.size() - 1; i >= 0; i--) {
            kept.remove(optionalKeys.get(i));
            byte[] dataDropped = longestFitting(kept, keptLength, reasonLength);
            if (dataDropped != null) {
                return dataDropped;
            }
        }
        byte[] lastResort = longestFitting(kept, 0, reasonLength);
        if (lastResort == null) {
            throw new IllegalStateException("The response for " + logicalResourceId + " does not fit in "
                    + MAX_BODY_BYTES + " bytes even without Reason and optional Data (essential Data keys: "
                    + essentialDataKeys + ")");
        }
        return lastResort;
    }

    /**
     * The body with {@code data} and the longest Reason of at least {@code minCodePoints} that fits, or null.
     * The whole Reason is tried first; a shortened one is always marked.
     */
    private byte[] longestFitting(Map<String, Object> someData, int minCodePoints, int reasonLength) {
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
        ObjectNode body = JSON.createObjectNode();
        body.put("Status", status.name());
        if (someReason != null) {
            body.put("Reason", someReason);
        }
        body.put("PhysicalResourceId", physicalResourceId);
        body.put("StackId", stackId);
        body.put("RequestId", requestId);
        body.put("LogicalResourceId", logicalResourceId);
        body.put("NoEcho", noEcho);
        body.set("Data", JSON.valueToTree(someData));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings could not be written as JSON", e);
        }
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

    /** A lone surrogate cannot be written as UTF-8; it becomes U+FFFD instead of failing the response. */
    private static String wellFormed(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.toString();
    }

    private static Map<String, Object> checkedData(Map<String, ?> data) {
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value instanceof String) {
                copy.put(key, value);
            } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                copy.put(key, List.copyOf(list));
            } else {
                throw new IllegalArgumentException("Data key '" + key + "' must be a String or a list of Strings, not "
                        + (value == null ? "null" : value.getClass().getSimpleName()));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }
}
