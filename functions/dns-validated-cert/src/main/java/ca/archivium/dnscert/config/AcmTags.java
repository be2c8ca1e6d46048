package ca.archivium.dnscert.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ACM takes as a tag, from its service model: {@code TagKey} is 1 to 128 characters and {@code TagValue} 0 to
 * 256, both of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]*} (letters, separators such as the space, numbers, and
 * {@code _ . : / = + - @}); a {@code Tag} list holds at most 50. Pure.
 */
public final class AcmTags {
    /** The characters ACM allows in a tag key or value. */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");
    /** ACM's limit on a key's length. */
    public static final int MAX_KEY_LENGTH = 128;
    /** ACM's limit on a value's length. */
    public static final int MAX_VALUE_LENGTH = 256;
    /** ACM's limit on the tags of one certificate ({@code TagList}). */
    public static final int MAX_TAGS = 50;
    private static final String CHARACTERS = "letters, digits, spaces and _ . : / = + - @";

    private AcmTags() {
    }

    /** Why ACM would refuse {@code key} as a tag key, or empty. */
    public static Optional<String> keyProblem(String key) {
        int length = key.codePointCount(0, key.length());
        if (length < 1 || length > MAX_KEY_LENGTH) {
            return Optional.of("must be 1 to " + MAX_KEY_LENGTH + " characters long");
        }
        return characters(key);
    }

    /** Why ACM would refuse {@code value} as a tag value, or empty. */
    public static Optional<String> valueProblem(String value) {
        int length = value.codePointCount(0, value.length());
        if (length > MAX_VALUE_LENGTH) {
            return Optional.of("is " + length + " characters long; the limit is " + MAX_VALUE_LENGTH);
        }
        return characters(value);
    }

    private static Optional<String> characters(String text) {
        if (ALLOWED.matcher(text).matches()) {
            return Optional.empty();
        }
        Matcher first = NOT_ALLOWED.matcher(text);
        first.find();
        return Optional.of("'" + text + "' has the character '" + first.group() + "', which ACM does not allow in tags ("
            + CHARACTERS + ")");
    }
}
