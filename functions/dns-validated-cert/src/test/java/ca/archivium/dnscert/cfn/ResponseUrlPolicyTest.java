package ca.archivium.dnscert.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseUrlPolicyTest {

    private static final ResponseUrlPolicy AWS_ONLY = new ResponseUrlPolicy(null, "us-east-1");
    private static final ResponseUrlPolicy LOCAL_ALLOWED =
            new ResponseUrlPolicy(" http://127.0.0.1: , http://localhost:8080/ ", "us-east-1");

    @ParameterizedTest
    @ValueSource(strings = {
            "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws?X-Amz-Signature=abc",
            "https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/x?Signature=abc",
            "https://s3.amazonaws.com/bucket/key",
            "https://amazonaws.com/key",
            "HTTPS://BUCKET.S3.AMAZONAWS.COM/key",
            "https://bucket.s3.amazonaws.com:443/key"})
    void httpsToAnAmazonawsHostIsAllowed(String url) {
        assertThat(AWS_ONLY.rejectionReason(url)).as("%s should be allowed", url).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://bucket.s3.amazonaws.com/key?X-Amz-Signature=abc | is not https",
            "https://evil.example.com/key?X-Amz-Signature=abc        | is not on an amazonaws.com or amazonaws.com.cn host (host: evil.example.com)",
            "https://notamazonaws.com/key                            | (host: notamazonaws.com)",
            "https://amazonaws.com.evil.example/key                  | (host: amazonaws.com.evil.example)",
            "https://s3.amazonaws.com.cn.evil.example/key            | (host: s3.amazonaws.com.cn.evil.example)",
            "https://user:pw@bucket.s3.amazonaws.com/key             | carries user information",
            "ftp://bucket.s3.amazonaws.com/key                       | is not https",
            "https:///key                                            | has no host",
            "https://bucket.s3.amazonaws.com/a b                     | is not a valid URL",
            "http://127.0.0.1:8080/response?X-Amz-Signature=abc      | is not https"})
    void rule9_otherUrlsAreRefusedWithAReason(String url, String reason) {
        assertThat(AWS_ONLY.rejectionReason(url)).as("%s should be refused", url)
                .hasValueSatisfying(text -> assertThat(text).contains(reason));
        assertThat(AWS_ONLY.allows(url)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "us-gov-west-1,  https://cloudformation-custom-resource-response-usgovwest1.s3-us-gov-west-1.amazonaws.com/k?X-Amz-Signature=a",
            "cn-northwest-1, https://cloudformation-custom-resource-response-cnnorthwest1.s3.cn-northwest-1.amazonaws.com.cn/k?X-Amz-Signature=a",
            "us-iso-east-1,  https://cloudformation-custom-resource-response-usisoeast1.s3.us-iso-east-1.c2s.ic.gov/k?X-Amz-Signature=a"})
    void theS3HostsOfTheFunctionsOwnPartitionAreAnswered(String home, String url) {
        assertThat(new ResponseUrlPolicy(null, home).rejectionReason(url)).as("%s from a function in %s", url, home)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bucket.s3.us-iso-east-1.c2s.ic.gov/k", "https://bucket.s3.eusc-de-east-1.amazonaws.eu/k"})
    void anotherPartitionsEndpointDomainIsNotAnAwsHostToACommercialFunction(String url) {
        assertThat(AWS_ONLY.allows(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/response?X-Amz-Signature=abc", "http://localhost:8080/r"})
    void aConfiguredPrefixAllowsAnotherEndpoint(String url) {
        assertThat(LOCAL_ALLOWED.allows(url)).as("%s starts with an allowed prefix", url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.2:8080/r", "http://localhost:9090/r", "https://evil.example.com/"})
    void aPrefixAllowsOnlyWhatStartsWithIt(String url) {
        assertThat(LOCAL_ALLOWED.allows(url)).as("%s matches no prefix and is not AWS", url).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ,"})
    void anEmptyPrefixListAllowsNothingExtra(String prefixes) {
        assertThat(new ResponseUrlPolicy(prefixes, "us-east-1").allows("http://127.0.0.1:8080/r"))
                .as("an empty entry must not act as a prefix matching everything").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com/key?X-Amz-Signature=SECRET#frag",
            "http://bucket.s3.amazonaws.com/key?X-Amz-Signature=SECRET"})
    void theReasonDoesNotShowTheQueryString(String url) {
        assertThat(AWS_ONLY.rejectionReason(url)).hasValueSatisfying(reason -> assertThat(reason)
                .doesNotContain("SECRET").doesNotContain("X-Amz-Signature").contains("?<redacted>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aMissingUrlIsRefused(String url) {
        assertThat(AWS_ONLY.rejectionReason(url)).contains("ResponseURL is missing");
        assertThat(AWS_ONLY.rejectionReason(null)).contains("ResponseURL is missing");
    }
}
