package ca.archivium.dnscert.config;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises and checks domain names the way ACM and Route 53 will see them. Pure. */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    /**
     * ACM's model of a name ({@code DomainNameString}, 1 to 253 characters): an optional {@code *.}, then labels of
     * letters, digits and hyphens that neither start nor end with a hyphen, the last of at least two characters.
     */
    private static final Pattern ACM_NAME = Pattern.compile(
        "(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])");

    private DomainNames() {
    }

    /**
     * Returns the canonical form of {@code raw}: lower case, no trailing dot, internationalised labels in
     * punycode. A wildcard is allowed only as the whole leftmost label.
     *
     * @throws InvalidPropertyException naming {@code property} when the name is not a valid DNS name
     */
    public static String normalize(String raw, String property) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPropertyException(property, "must not be empty");
        }
        if (!raw.equals(raw.strip()) || raw.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidPropertyException(property, "'" + raw + "' contains white space");
        }
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.contains("*")) {
            throw new InvalidPropertyException(property,
                "'" + raw + "' has a wildcard that is not the whole leftmost label (only '*.example.com' is allowed)");
        }
        if (rest.isEmpty() || rest.startsWith(".") || rest.contains("..")) {
            throw new InvalidPropertyException(property, "'" + raw + "' has an empty label");
        }
        String ascii = rest.toLowerCase(Locale.ROOT);
        if (!ascii.chars().allMatch(c -> c < 128)) {
            try {
                // Punycode only; the label rules below are checked on the result, with clearer messages.
                ascii = IDN.toASCII(rest).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new InvalidPropertyException(property, "'" + raw + "' is not a valid domain name (" + e.getMessage() + ")");
            }
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidPropertyException(property, "'" + raw + "' is not a fully qualified domain name (such as example.com)");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new InvalidPropertyException(property, "'" + raw + "' has an empty label");
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                throw new InvalidPropertyException(property,
                    "'" + raw + "' has a label longer than " + MAX_LABEL_LENGTH + " characters");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidPropertyException(property, "'" + raw + "' has the label '" + label
                    + "': labels are letters, digits and hyphens, and do not start or end with a hyphen");
            }
        }
        String result = wildcard ? "*." + ascii : ascii;
        if (result.length() > MAX_NAME_LENGTH) {
            throw new InvalidPropertyException(property,
                "'" + raw + "' is " + result.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        if (!ACM_NAME.matcher(result).matches()) {
            throw new InvalidPropertyException(property, "'" + raw + "' ends in the one-character label '"
                + labels[labels.length - 1] + "': ACM takes a top-level label of 2 to 63 characters");
        }
        return result;
    }

    /** True for {@code *.example.com}. */
    public static boolean isWildcard(String name) {
        return name.startsWith("*.");
    }

    /** {@code *.example.com} → {@code example.com}; other names unchanged. */
    public static String withoutWildcard(String name) {
        return isWildcard(name) ? name.substring(2) : name;
    }
}
