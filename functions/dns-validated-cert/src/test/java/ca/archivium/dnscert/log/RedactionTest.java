package ca.archivium.dnscert.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    private static final String PRESIGNED = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/"
            + "arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/web/guid%7CCert%7Creq-1"
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-SignedHeaders=host"
            + "&X-Amz-Expires=7200&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://bucket.s3.amazonaws.com/path?X-Amz-Signature=abc         | https://bucket.s3.amazonaws.com/path?<redacted>",
            "https://bucket.s3.amazonaws.com/path#fragment                    | https://bucket.s3.amazonaws.com/path?<redacted>",
            "https://bucket.s3.amazonaws.com/path                             | https://bucket.s3.amazonaws.com/path",
            "https://user:secret@bucket.s3.amazonaws.com/p?Signature=x        | https://<redacted>@bucket.s3.amazonaws.com/p?<redacted>",
            "https://bucket.s3.amazonaws.com/a@b                              | https://bucket.s3.amazonaws.com/a@b",
            "not a url?Signature=abc                                          | not a url?<redacted>"})
    void urlLosesItsQueryFragmentAndUserInfo(String url, String redacted) {
        assertThat(Redaction.url(url)).isEqualTo(redacted);
    }

    @Test
    void rule9_aPresignedCloudFormationUrlKeepsOnlyBucketAndKey() {
        assertThat(Redaction.url(PRESIGNED)).isEqualTo(PRESIGNED.substring(0, PRESIGNED.indexOf('?')) + "?<redacted>");
        assertThat(Redaction.url(null)).isEqualTo("<none>");
    }

    @Test
    void aUrlInsideTextLosesItsQuery() {
        String text = Redaction.text("PUT to " + PRESIGNED + " failed: Connection reset");

        assertThat(text).doesNotContain("X-Amz-Signature").doesNotContain("9f86d081").doesNotContain("AKIA")
                .endsWith("?<redacted> failed: Connection reset");
    }

    @Test
    void scrubbingTwiceChangesNothingMore() {
        String once = Redaction.text("PUT to " + PRESIGNED + " with aws_secret_access_key=abc failed");

        assertThat(Redaction.text(once)).isEqualTo(once);
        assertThat(Redaction.text(Redaction.url(PRESIGNED))).isEqualTo(Redaction.url(PRESIGNED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "X-Amz-Signature=9f86d081884c7d659a2feaa0c55ad015",
            "x-amz-credential=AKIAIOSFODNN7EXAMPLE%2F20240101",
            "X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr",
            "Signature=bWq2s1WEIj%2BYdj6W&Expires=1",
            "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1"})
    void presignedParametersAreRedactedWithoutTheirUrl(String parameter) {
        String value = parameter.substring(parameter.indexOf('=') + 1).split("&")[0];

        assertThat(Redaction.text("query was " + parameter)).doesNotContain(value).contains("=<redacted>");
    }

    @Test
    void accessKeyIdsSecretKeysAndSessionTokensAreRedacted() {
        String secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String sessionToken = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6iN2zDEXAMPLEw5R0v7Kx"
                + "TOKENrest0fTheSessionToken9876543210abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
        String message = "The security token included in the request is invalid: key ASIAIOSFODNN7EXAMPLE secret "
                + secretKey + " token " + sessionToken;

        String scrubbed = Redaction.text(message);

        assertThat(scrubbed).doesNotContain("ASIAIOSFODNN7EXAMPLE").doesNotContain(secretKey)
                .doesNotContain("IQoJb3JpZ2luX2VjEJr").startsWith("The security token included in the request is invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws_secret_access_key=abc123", "\"SecretAccessKey\": \"abc123\"", "sessionToken: abc123",
            "AWS_SESSION_TOKEN=abc123"})
    void namedSecretsAreRedactedWhateverTheirShape(String text) {
        assertThat(Redaction.text(text)).doesNotContain("abc123").contains("<redacted>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:acm:us-east-1:123456789012:certificate/0e7e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
            "_3639ac514e785e898d2646601fa951d5.www.archivium.ca. CNAME _98d2646601fa951d53639ac514e785e8.acm-validations.aws.",
            "hosted zone Z0123456789ABCDEFGHIJ for dev.archivium.ca",
            "sha1 356a192b7913b04c54574d18c28d46e6395428ab",
            "arn:aws:states:us-east-1:123456789012:execution:wait-loop:Cert-0e7e1a2b3c4d4e5f8a9b0c1d2e3f4a5b"})
    void ordinaryIdentifiersAreLeftAlone(String text) {
        assertThat(Redaction.text(text)).isEqualTo(text);
    }
}
