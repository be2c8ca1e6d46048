package ca.archivium.dnscert.acm;

import java.util.regex.Pattern;

/** ACM certificate ARNs: {@code arn:<partition>:acm:<region>:<account>:certificate/<id>}. Pure. */
public final class CertificateArns {
    private static final Pattern CERTIFICATE_ARN =
        Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");

    private CertificateArns() {
    }

    public static boolean isCertificateArn(String text) {
        return text != null && CERTIFICATE_ARN.matcher(text).matches();
    }

    /** The region a certificate ARN names. */
    public static String regionOf(String certificateArn) {
        return certificateArn.split(":")[3];
    }
}
