package ca.archivium.dnscert.acm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code IdempotencyToken} of {@code RequestCertificate}: 32 hex characters derived from the request, so a
 * retried request gets the same certificate back (ACM honours a token for one hour). Never random.
 */
public final class IdempotencyToken {
    private IdempotencyToken() {
    }

    /** SHA-256 over the parts, separated so that ("ab","c") and ("a","bc") differ; first 32 hex characters. */
    public static String of(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
