package ca.archivium.dnscert.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A certificate ARN given on the command line; its region is where the certificate lives. */
record CertificateArn(String arn, String region) {
    private static final Pattern ACM_ARN =
        Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):\\d{12}:certificate/[0-9a-f-]+");

    /** @throws BadArgumentsException when {@code text} is not an ACM certificate ARN */
    static CertificateArn parse(String text) {
        Matcher matcher = ACM_ARN.matcher(text);
        if (!matcher.matches()) {
            throw new BadArgumentsException("'" + text + "' is not an ACM certificate ARN "
                + "(arn:aws:acm:<region>:<account>:certificate/<id>)");
        }
        return new CertificateArn(text, matcher.group(1));
    }

    @Override
    public String toString() {
        return arn;
    }
}
