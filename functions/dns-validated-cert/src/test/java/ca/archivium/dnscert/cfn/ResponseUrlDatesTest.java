package ca.archivium.dnscert.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** When a ResponseURL was signed and until when it is valid, from its query string alone. */
class ResponseUrlDatesTest {
    /** The shape of CloudFormation's ResponseURLs signed with Signature Version 4 (as in events/create.json). */
    private static final String SIGV4 = "https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/"
        + "arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack/web/guid%7CCertificate%7Creq"
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20231120T164050Z&X-Amz-SignedHeaders=host&X-Amz-Expires=7200"
        + "&X-Amz-Credential=AKIAEXAMPLE%2F20231120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc";
    /** The older shape, Signature Version 2: only the end of the URL's validity. */
    private static final String SIGV2 = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/"
        + "arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/lam/guid%7CResource%7Creq"
        + "?AWSAccessKeyId=AKIAEXAMPLE&Expires=1509855955&Signature=abc%3D";

    @Test
    void aSignatureVersion4UrlGivesItsSigningTimeAndItsEnd() {
        ResponseUrlDates dates = ResponseUrlDates.of(SIGV4);

        assertThat(dates.signedAt()).contains(Instant.parse("2023-11-20T16:40:50Z"));
        assertThat(dates.expiresAt()).as("X-Amz-Expires=7200 after X-Amz-Date").contains(Instant.parse("2023-11-20T18:40:50Z"));
    }

    @Test
    void aSignatureVersion2UrlGivesOnlyItsEnd() {
        ResponseUrlDates dates = ResponseUrlDates.of(SIGV2);

        assertThat(dates.signedAt()).isEmpty();
        assertThat(dates.expiresAt()).contains(Instant.ofEpochSecond(1509855955));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/response?X-Amz-Signature=local", "http://127.0.0.1:8080/r",
        "https://bucket.s3.amazonaws.com/k?X-Amz-Date=yesterday&X-Amz-Expires=7200",
        "https://bucket.s3.amazonaws.com/k?X-Amz-Date=20231340T250000Z", "https://bucket.s3.amazonaws.com/k?Expires=soon",
        "https://bucket.s3.amazonaws.com/k?X-Amz-Date=%ZZ", "not a url at all"})
    void whateverIsMissingOrMalformedIsLeftEmpty(String url) {
        ResponseUrlDates dates = ResponseUrlDates.of(url);

        assertThat(dates.signedAt()).isEmpty();
        assertThat(dates.expiresAt()).isEmpty();
    }

    @Test
    void noUrlHasNoDates() {
        assertThat(ResponseUrlDates.of(null)).isEqualTo(new ResponseUrlDates(java.util.Optional.empty(),
            java.util.Optional.empty()));
    }
}
