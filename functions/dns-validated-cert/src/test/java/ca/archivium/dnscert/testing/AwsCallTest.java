package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsCallTest {

    private static final byte[] NO_BODY = new byte[0];

    @Test
    void jsonProtocolOperationComesFromTheTargetHeader() {
        AwsCall call = AwsCall.identify("POST", "/", null, Map.of(
                "X-amz-target", List.of("CertificateManager.DescribeCertificate"),
                "Authorization", List.of(authorization("test", "acm"))), NO_BODY);

        assertThat(call).isEqualTo(new AwsCall("acm", "DescribeCertificate", "test"));
        assertThat(call.speaksJson()).as("ACM answers errors in JSON").isTrue();
    }

    @Test
    void queryProtocolOperationComesFromTheActionParameter() {
        byte[] form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A2%3Arole%2Fx"
                .getBytes(StandardCharsets.UTF_8);

        AwsCall call = AwsCall.identify("POST", "/", null,
                Map.of("Authorization", List.of(authorization("AKIDEXAMPLE", "sts"))), form);

        assertThat(call).isEqualTo(new AwsCall("sts", "AssumeRole", "AKIDEXAMPLE"));
        assertThat(call.speaksJson()).as("STS answers errors in XML").isFalse();
    }

    @Test
    void route53OperationComesFromMethodAndPath() {
        assertThat(route53("GET", "/2013-04-01/hostedzonesbyname")).isEqualTo("ListHostedZonesByName");
        assertThat(route53("GET", "/2013-04-01/hostedzone")).isEqualTo("ListHostedZones");
        assertThat(route53("POST", "/2013-04-01/hostedzone")).isEqualTo("CreateHostedZone");
        assertThat(route53("GET", "/2013-04-01/hostedzone/Z123")).isEqualTo("GetHostedZone");
        assertThat(route53("DELETE", "/2013-04-01/hostedzone/Z123")).isEqualTo("DeleteHostedZone");
        assertThat(route53("GET", "/2013-04-01/hostedzone/Z123/rrset")).isEqualTo("ListResourceRecordSets");
        assertThat(route53("POST", "/2013-04-01/hostedzone/Z123/rrset/")).isEqualTo("ChangeResourceRecordSets");
        assertThat(route53("POST", "/2013-04-01/hostedzone/Z123/rrset")).isEqualTo("ChangeResourceRecordSets");
        assertThat(route53("GET", "/2013-04-01/change/C123")).isEqualTo("GetChange");
    }

    @Test
    void unknownRoute53PathIsNamedByMethodAndPath() {
        assertThat(route53("POST", "/2013-04-01/hostedzone/Z123/associatevpc"))
                .isEqualTo("POST /2013-04-01/hostedzone/Z123/associatevpc");
    }

    @Test
    void unsignedRequestHasNoAccessKey() {
        AwsCall call = AwsCall.identify("GET", "/moto-api/", null, Map.of(), NO_BODY);

        assertThat(call.accessKeyId()).isEmpty();
        assertThat(call.service()).isEqualTo("unknown");
    }

    private static String route53(String method, String path) {
        return AwsCall.identify(method, path, "dnsname=example.com",
                Map.of("Authorization", List.of(authorization("test", "route53"))), NO_BODY).operation();
    }

    private static String authorization(String accessKeyId, String service) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20260101/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
    }
}
