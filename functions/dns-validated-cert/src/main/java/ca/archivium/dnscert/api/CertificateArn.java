package ca.archivium.dnscert.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ACM certificate ARN, {@code arn:<partition>:acm:<region>:<account>:certificate/<id>}. Its region is where the
 * certificate lives, so the engine's use cases take the region from it rather than beside it. Pure.
 */
public record CertificateArn(String arn, String region) {
    private static final Pattern ACM_ARN =
        Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):\\d{12}:certificate/[0-9a-f-]+");

    /** The ARN {@code text} is, or empty when it is something else (a physical id of CloudFormation's making). */
    public static Optional<CertificateArn> parse(String text) {
        Matcher matcher = text == null ? null : ACM_ARN.matcher(text);
        return matcher != null && matcher.matches() ? Optional.of(new CertificateArn(text, matcher.group(1)))
            : Optional.empty();
    }

    /** @throws IllegalArgumentException when {@code text} is not an ACM certificate ARN */
    public static CertificateArn of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an ACM certificate ARN "
            + "(arn:aws:acm:<region>:<account>:certificate/<id>)"));
    }

    @Override
    public String toString() {
        return arn;
    }
}
