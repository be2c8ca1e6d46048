package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.aws.AwsCalls;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Seals the ResponseURL with a KMS key (the stack's own): the wait loop's execution history then shows only
 * ciphertext, which opens only for a role allowed {@code kms:Decrypt} on that key and with the same request
 * (StackId, LogicalResourceId, RequestId as encryption context). The only class that touches a {@link KmsClient}.
 */
public final class KmsResponseUrlSeal implements ResponseUrlSeal {
    static final String PREFIX = "kms:";

    private final Supplier<KmsClient> kms;
    private final String keyId;

    /** @param kms supplies the client on first use, so a request answered at once never builds it */
    public KmsResponseUrlSeal(Supplier<KmsClient> kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String seal(String responseUrl, Map<String, String> context) {
        SdkBytes ciphertext = AwsCalls.call("Encrypt", () -> kms.get().encrypt(b -> b
            .keyId(keyId).encryptionContext(context).plaintext(SdkBytes.fromString(responseUrl, StandardCharsets.UTF_8))))
            .ciphertextBlob();
        return PREFIX + Base64.getEncoder().encodeToString(ciphertext.asByteArray());
    }

    @Override
    public String open(String carried, Map<String, String> context) {
        if (!carried.startsWith(PREFIX)) {
            return carried;
        }
        SdkBytes ciphertext = SdkBytes.fromByteArray(Base64.getDecoder().decode(carried.substring(PREFIX.length())));
        return AwsCalls.call("Decrypt", () -> kms.get().decrypt(b -> b
            .keyId(keyId).encryptionContext(context).ciphertextBlob(ciphertext)))
            .plaintext().asUtf8String();
    }
}
