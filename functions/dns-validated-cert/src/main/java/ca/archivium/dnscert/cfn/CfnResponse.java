package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.log.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to a request: what is PUT to the ResponseURL, as {@link ResponseBody} writes it.
 *
 * @param reason            shown in the stack's events; a FAILED response always has one
 * @param data              the values {@code Fn::GetAtt} reads, each a String or a List of Strings, ordered
 *                          from most to least important
 * @param essentialDataKeys the keys of {@code data} that {@link ResponseBody} must never drop to fit the size limit
 */
public record CfnResponse(Status status, String reason, String physicalResourceId, String stackId, String requestId,
                          String logicalResourceId, boolean noEcho, Map<String, Object> data,
                          Set<String> essentialDataKeys) {

    /** The Reason of a FAILED response that was given none. */
    public static final String DEFAULT_FAILURE_REASON =
            "The resource failed without a reason; see the function's CloudWatch logs for this RequestId";

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
