package ca.archivium.dnscert.testing.conformance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A REST request URI template of a botocore model ({@code /2013-04-01/hostedzone/{Id}/rrset/}) matched against a
 * request path. A label takes one path segment ({@code {Id}}) or the rest of the path ({@code {Key+}}); a trailing
 * slash is not significant (SDKs differ on it) and the template's own query string is ignored.
 */
final class UriTemplate {
    private UriTemplate() {
    }

    /** The labels of {@code path} by name, decoded, or empty when the path does not fit the template. */
    static Optional<Map<String, String>> match(String template, String path) {
        String[] expected = segments(template.contains("?") ? template.substring(0, template.indexOf('?')) : template);
        String[] actual = segments(path);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            boolean label = segment.startsWith("{") && segment.endsWith("}");
            if (label && segment.endsWith("+}")) {
                if (i >= actual.length) {
                    return Optional.empty();
                }
                labels.put(segment.substring(1, segment.length() - 2),
                    decode(String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length))));
                return Optional.of(labels);
            }
            if (i >= actual.length) {
                return Optional.empty();
            }
            if (label) {
                labels.put(segment.substring(1, segment.length() - 1), decode(actual[i]));
            } else if (!segment.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return expected.length == actual.length ? Optional.of(labels) : Optional.empty();
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
