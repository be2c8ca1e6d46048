package ca.archivium.dnscert.log;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged or put in an exception message.
 *
 * <p>The CloudFormation ResponseURL is a pre-signed S3 URL: whoever holds its query string can answer
 * for the resource, so the query is a bearer secret. AWS credentials can end up in exception messages
 * (a mis-configured client, an echoed request). Both are replaced by {@value #MARK}.
 */
public final class Redaction {

    /** What replaces a secret. */
    public static final String MARK = "<redacted>";

    // Any absolute URL: the query and fragment go, whatever they hold; a URL's path is not secret.
    // One already redacted is left as it is, so text can be scrubbed twice.
    private static final Pattern URL_TAIL =
            Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?#\"'<>]*)[?#](?!" + MARK + ")[^\\s\"'<>]*");
    // User info in an authority: scheme://user:password@host
    private static final Pattern URL_USER_INFO =
            Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^\\s/?#@\"'<>]+@");
    // Pre-signed query parameters that appear without their URL (URL-encoded, split over lines, ...).
    private static final Pattern SIGNING_PARAMETER = Pattern.compile(
            "(?i)\\b(X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId)=[^&\\s\"'<>]+");
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)\\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|secret_?key)"
                    + "(\"?\\s*[:=]\\s*\"?)([^\\s\"',;}]+)");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    // Session tokens are long base64 runs; certificate ARNs, zone ids and record names never are.
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9/+=_-]{100,}");
    // Secret access keys are 40 base64 characters.
    private static final Pattern SECRET_KEY_SHAPE =
            Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

    private Redaction() {
    }

    /**
     * A URL without its query string, fragment and user info, safe to log:
     * {@code https://bucket.s3.amazonaws.com/path?X-Amz-Signature=...} becomes
     * {@code https://bucket.s3.amazonaws.com/path?<redacted>}.
     *
     * @param url any URL, possibly null or malformed
     * @return the URL with its secret parts replaced, or {@code "<none>"} for null
     */
    public static String url(String url) {
        if (url == null) {
            return "<none>";
        }
        int tail = indexOfAny(url, '?', '#');
        String head = tail < 0 ? url : url.substring(0, tail);
        int schemeEnd = head.indexOf("://");
        int at = head.lastIndexOf('@');
        if (schemeEnd >= 0 && at > schemeEnd) {
            int pathStart = head.indexOf('/', schemeEnd + 3);
            if (pathStart < 0 || at < pathStart) {
                head = head.substring(0, schemeEnd + 3) + MARK + head.substring(at);
            }
        }
        return tail < 0 ? head : head + "?" + MARK;
    }

    /**
     * Free text with every URL query, pre-signed parameter, access key id, secret key and session token
     * replaced by {@value #MARK}.
     *
     * @param text any text, possibly null
     * @return the scrubbed text, or null for null
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String scrubbed = replace(URL_TAIL, text, m -> m.group(1) + "?" + MARK);
        scrubbed = replace(URL_USER_INFO, scrubbed, m -> m.group(1) + MARK + "@");
        scrubbed = replace(SIGNING_PARAMETER, scrubbed, m -> m.group(1) + "=" + MARK);
        scrubbed = replace(NAMED_SECRET, scrubbed, m -> m.group(1) + m.group(2) + MARK);
        scrubbed = replace(ACCESS_KEY_ID, scrubbed, m -> MARK);
        scrubbed = replace(LONG_TOKEN, scrubbed, m -> looksRandom(m.group()) ? MARK : m.group());
        return replace(SECRET_KEY_SHAPE, scrubbed, m -> looksRandom(m.group()) ? MARK : m.group());
    }

    private static boolean looksRandom(String candidate) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    private static String replace(Pattern pattern, String text,
                                  java.util.function.Function<MatchResult, String> replacement) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
    }

    private static int indexOfAny(String s, char a, char b) {
        int ia = s.indexOf(a);
        int ib = s.indexOf(b);
        if (ia < 0) {
            return ib;
        }
        return ib < 0 ? ia : Math.min(ia, ib);
    }
}
