package ca.archivium.dnscert.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The conformance layer against a real moto, through the real SDK: a request AWS refuses is refused with AWS's code
 * and message form, a valid one passes unchanged, and each answer moto gives in another shape comes back in AWS's.
 */
@IntegrationTest
class AwsConformanceLayerTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);
    @RegisterExtension
    static final Emulators AS_IT_COMES = Emulators.motoAsItComes(0,
        "to show what moto itself answers where the layer answers as AWS does");

    private static final String TAG_VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*";

    private AwsTestEnvironment aws;
    private AwsConformanceLayer layer;

    @BeforeEach
    void freshAws() {
        aws = ISSUED_AT_ONCE.freshMoto();
        layer = ISSUED_AT_ONCE.conformance();
    }

    @Test
    void acmTagValueWithAHashIsRefusedAsAcmRefusesIt() {
        AwsServiceException refused = refusedBy(() -> {
            try (AcmClient acm = aws.acm()) {
                acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod(ValidationMethod.DNS)
                    .tags(t -> t.key("owner").value("stack#Certificate")));
            }
        });

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refused.awsErrorDetails().errorMessage()).as("the whole value must match, not a prefix of it")
            .isEqualTo("1 validation error detected: Value 'stack#Certificate' at 'tags.1.member.value' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern: " + TAG_VALUE_PATTERN);
        assertThat(certificateArns()).as("nothing reached moto").isEmpty();
        assertThat(layer.refusals()).as("the refusal is logged for the test to read").last()
            .satisfies(r -> assertThat(r.toString()).contains("ACM RequestCertificate",
                "AwsConformanceLayerTest.acmTagValueWithAHashIsRefusedAsAcmRefusesIt"));
    }

    @Test
    void acmIdempotencyTokenOver32CharactersIsRefused() {
        AwsServiceException refused = refusedBy(() -> {
            try (AcmClient acm = aws.acm()) {
                acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod(ValidationMethod.DNS)
                    .idempotencyToken("a".repeat(33)));
            }
        });

        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '"
            + "a".repeat(33) + "' at 'idempotencyToken' failed to satisfy constraint: Member must have length less"
            + " than or equal to 32");
    }

    @Test
    void aRepeatedIdempotencyTokenWithinTheHourGivesTheFirstCertificateWhateverItsTags() {
        try (AcmClient acm = aws.acm()) {
            String first = requestWithToken(acm, "token1", "web");
            layer.time().elapse(Duration.ofMinutes(59));

            String again = requestWithToken(acm, "token1", "platform");

            assertThat(again).as("the same token within the hour, other tags (moto would make a second one)")
                .isEqualTo(first);
            assertThat(certificateArns()).containsExactly(first);
        }
    }

    @Test
    void anIdempotencyTokenOlderThanAnHourOrOfADeletedCertificateGivesANewOne() {
        try (AcmClient acm = aws.acm()) {
            String first = requestWithToken(acm, "token2", "web");
            layer.time().elapse(Duration.ofMinutes(61));

            String later = requestWithToken(acm, "token2", "platform");
            assertThat(later).as("the token timed out after an hour").isNotEqualTo(first);

            acm.deleteCertificate(b -> b.certificateArn(later));
            String afterDelete = requestWithToken(acm, "token2", "ops");
            assertThat(afterDelete).as("a deleted certificate is not given back").isNotIn(first, later);
        }
    }

    @Test
    void everyFailureIsCountedAndListed() {
        AwsServiceException refused = refusedBy(() -> {
            try (AcmClient acm = aws.acm()) {
                acm.requestCertificate(b -> b.domainName("ccc").subjectAlternativeNames("ccc")
                    .validationMethod(ValidationMethod.DNS).idempotencyToken("not-a-word"));
            }
        });

        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("3 validation errors detected: "
            + "Value 'ccc' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression"
            + " pattern: " + domainPattern() + "; "
            + "Value '[ccc]' at 'subjectAlternativeNames' failed to satisfy constraint: Member must satisfy"
            + " constraint: [Member must have length less than or equal to 253, Member must have length greater"
            + " than or equal to 1, Member must satisfy regular expression pattern: " + domainPattern() + "]; "
            + "Value 'not-a-word' at 'idempotencyToken' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: \\w+");
    }

    @Test
    void aMissingRequiredMemberIsNull() {
        AwsServiceException refused = refusedBy(() -> {
            try (AcmClient acm = aws.acm()) {
                acm.describeCertificate(b -> { });
            }
        });

        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null"
            + " at 'certificateArn' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void rangesAndEnumsAreWordedAsAwsWordsThem() {
        AwsServiceException duration = refusedBy(() -> {
            try (StsClient sts = aws.sts()) {
                sts.assumeRole(b -> b.roleArn("arn:aws:iam::222222222222:role/dns-validation")
                    .roleSessionName("dns-validated-cert").durationSeconds(60));
            }
        });
        AwsServiceException keyAlgorithm = refusedBy(() -> {
            try (AcmClient acm = aws.acm()) {
                acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod(ValidationMethod.DNS)
                    .keyAlgorithm("RSA-2048"));
            }
        });

        assertThat(duration.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '60' at"
            + " 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        assertThat(keyAlgorithm.awsErrorDetails().errorMessage()).as("the answers' spelling is not the requests'")
            .isEqualTo("1 validation error detected: Value 'RSA-2048' at 'keyAlgorithm' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [RSA_1024, RSA_2048, RSA_3072, RSA_4096, EC_prime256v1,"
                + " EC_secp384r1, EC_secp521r1]");
    }

    @Test
    void stsRoleSessionNameWithASpaceIsAValidationError() {
        AwsServiceException refused = refusedBy(() -> {
            try (StsClient sts = aws.sts()) {
                sts.assumeRole(b -> b.roleArn("arn:aws:iam::222222222222:role/dns-validation")
                    .roleSessionName("integration test"));
            }
        });

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value"
            + " 'integration test' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\w+=,.@-]*");
    }

    @Test
    void stepFunctionsExecutionNameOver80CharactersIsRefused() {
        String name = "n".repeat(81);
        AwsServiceException refused = refusedBy(() -> {
            try (SfnClient sfn = aws.sfn()) {
                sfn.startExecution(b -> b.stateMachineArn("arn:aws:states:eu-west-1:123456789012:stateMachine:loop")
                    .name(name).input("{}"));
            }
        });

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '" + name
            + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80");
    }

    @Test
    void kmsLeavesASensitiveValueOutOfItsMessage() {
        AwsServiceException refused = refusedBy(() -> {
            try (KmsClient kms = aws.kms()) {
                kms.encrypt(b -> b.keyId("").plaintext(SdkBytes.fromUtf8String("x".repeat(4097))));
            }
        });

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: Value '' at"
            + " 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at"
            + " 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
    }

    @Test
    void route53RecordNameOverTheModelsLengthFailsTheXmlSchema() {
        String zone = createZone("example.com");
        String name = "a".repeat(1025);
        AwsServiceException refused = refusedBy(() -> {
            try (Route53Client route53 = aws.route53()) {
                route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(change ->
                    change.action(ChangeAction.UPSERT).resourceRecordSet(set -> set.name(name).type(RRType.CNAME)
                        .ttl(300L).resourceRecords(r -> r.value("target.example.org."))))));
            }
        });

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(refused.awsErrorDetails().errorMessage())
            .startsWith("Invalid XML ; javax.xml.stream.XMLStreamException: org.xml.sax.SAXParseException;"
                + " lineNumber: 1; columnNumber: ")
            .endsWith("; cvc-maxLength-valid: Value '" + name + "' with length = '1025' is not facet-valid with"
                + " respect to maxLength '1024' for type 'DNSName'.");
    }

    @Test
    void route53EmptyChangeListIsIncomplete() {
        String zone = createZone("example.com");
        AwsServiceException refused = refusedBy(() -> {
            try (Route53Client route53 = aws.route53()) {
                route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(List.of())));
            }
        });

        assertThat(refused.awsErrorDetails().errorMessage()).endsWith("cvc-complex-type.2.4.b: The content of"
            + " element 'Changes' is not complete. One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":Change}'"
            + " is expected.");
    }

    @Test
    void route53HostedZoneIdOverItsLengthIsNamedAfterItsShape() {
        String id = "Z".repeat(33);
        AwsServiceException refused = refusedBy(() -> {
            try (Route53Client route53 = aws.route53()) {
                route53.getHostedZone(b -> b.id(id));
            }
        });

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '" + id
            + "' at 'resourceId' failed to satisfy constraint: Member must have length less than or equal to 32");
    }

    @Test
    void errorsHaveTheirProtocolsShape() throws Exception {
        HttpResponse<String> json = post("/", "application/x-amz-json-1.1", "CertificateManager.DescribeCertificate",
            "acm", "{}");
        HttpResponse<String> query = post("/", "application/x-www-form-urlencoded", null, "sts",
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=a+b");

        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(json.body()).startsWith("{\"__type\":\"ValidationException\",\"message\":\"1 validation error");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected: Value 'a"
            + " b' at 'roleSessionName'");
    }

    @Test
    void certificateSummariesCarryOnlyTheMembersOfTheModelsSummary() throws Exception {
        try (AcmClient acm = aws.acm()) {
            request(acm, "www.example.com", KeyAlgorithm.RSA_2048);
        }
        layer.passAcmDelays();

        HttpResponse<String> list = post("/", "application/x-amz-json-1.1", "CertificateManager.ListCertificates", "acm",
            "{}");

        assertThat(list.body()).contains("\"KeyAlgorithm\":\"RSA-2048\"")
            .doesNotContain("\"Serial\"", "\"Subject\"", "\"DomainValidationOptions\"", "\"SignatureAlgorithm\"");
    }

    @Test
    void validRequestsPassUnchanged() {
        String zone = createZone("example.com");
        try (AcmClient acm = aws.acm(); StsClient sts = aws.sts(); Route53Client route53 = aws.route53()) {
            String arn = acm.requestCertificate(b -> b.domainName("www.example.com")
                .validationMethod(ValidationMethod.DNS).idempotencyToken("0123456789abcdef0123456789abcdef")
                .tags(t -> t.key("owner").value("arn:aws:cloudformation:eu-west-1:1:stack/site/1/Certificate")))
                .certificateArn();
            sts.assumeRole(b -> b.roleArn("arn:aws:iam::222222222222:role/dns-validation")
                .roleSessionName("dns-validated-cert"));
            route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.comment("validation")
                .changes(change -> change.action(ChangeAction.UPSERT).resourceRecordSet(set -> set
                    .name("_x.example.com.").type(RRType.CNAME).ttl(300L)
                    .resourceRecords(r -> r.value("_y.acm-validations.aws."))))));

            assertThat(arn).startsWith("arn:aws:acm:eu-west-1:123456789012:certificate/");
            assertThat(layer.refusals()).as("nothing refused").noneMatch(r -> r.scope().contains("validRequests"));
        }
    }

    @Test
    void keyAlgorithmIsAnsweredInAcmsSpellingOfWhatWasRequested() {
        try (AcmClient acm = aws.acm()) {
            String ec = request(acm, "ec.example.com", KeyAlgorithm.EC_PRIME256_V1);
            String rsa = request(acm, "rsa.example.com", KeyAlgorithm.RSA_2048);
            layer.passAcmDelays();

            assertThat(acm.describeCertificate(b -> b.certificateArn(ec)).certificate().keyAlgorithmAsString())
                .isEqualTo("EC-prime256v1");
            assertThat(acm.describeCertificate(b -> b.certificateArn(rsa)).certificate().keyAlgorithmAsString())
                .isEqualTo("RSA-2048");
            assertThat(acm.listCertificates(b -> b.includes(i -> i.keyTypes(KeyAlgorithm.EC_PRIME256_V1)))
                .certificateSummaryList()).as("the keyTypes filter applies to what was requested")
                .extracting(CertificateSummary::certificateArn, CertificateSummary::keyAlgorithmAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ec, "EC-prime256v1"));
            assertThat(acm.listCertificates(b -> { }).certificateSummaryList())
                .as("without keyTypes, only RSA_1024 and RSA_2048 certificates").extracting(CertificateSummary::certificateArn)
                .containsExactly(rsa);
        }
        try (AcmClient acm = new AwsTestEnvironment(AS_IT_COMES.moto().rawEndpoint()).acm()) {
            String ec = request(acm, "moto.example.com", KeyAlgorithm.EC_PRIME256_V1);
            assertThat(acm.describeCertificate(b -> b.certificateArn(ec)).certificate().keyAlgorithmAsString())
                .as("moto as it comes").isEqualTo("RSA_2048");
        }
    }

    @Test
    void aNewCertificateIsNotFoundForSecondsThenHasItsRecordsNameByName() {
        layer.timing(ConformanceTiming.AWS);
        try (AcmClient acm = aws.acm()) {
            String arn = acm.requestCertificate(b -> b.domainName("example.com")
                .subjectAlternativeNames("www.example.com", "api.example.com")
                .validationMethod(ValidationMethod.DNS)).certificateArn();

            AwsServiceException notYet = refusedBy(() -> acm.describeCertificate(b -> b.certificateArn(arn)));
            assertThat(notYet.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(refusedBy(() -> acm.listTagsForCertificate(b -> b.certificateArn(arn)))
                .awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");

            layer.time().elapse(Duration.ofMillis(3000));
            CertificateDetail known = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
            assertThat(known.statusAsString()).as("moto issues at once; ACM not before it has given the records")
                .isEqualTo("PENDING_VALIDATION");
            assertThat(known.domainValidationOptions()).as("known, no record yet").hasSize(3)
                .allMatch(v -> v.resourceRecord() == null);
            assertThat(known.notAfter()).as("no validity while pending").isNull();

            layer.time().elapse(Duration.ofMillis(1600));
            assertThat(acm.describeCertificate(b -> b.certificateArn(arn)).certificate().domainValidationOptions())
                .as("the first name's record, not yet the others'").filteredOn(v -> v.resourceRecord() != null)
                .extracting(DomainValidation::domainName).containsExactly("example.com");

            layer.time().elapse(Duration.ofMillis(1400));
            CertificateDetail complete = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
            assertThat(complete.domainValidationOptions()).allMatch(v -> v.resourceRecord() != null);
            assertThat(complete.statusAsString()).isEqualTo("ISSUED");
            assertThat(Duration.between(complete.notBefore(), complete.notAfter()))
                .as("ACM's public certificates last 198 days; moto's a year").isEqualTo(Duration.ofDays(198));
            assertThat(acm.listCertificates(b -> { }).certificateSummaryList())
                .filteredOn(c -> c.certificateArn().equals(arn)).singleElement()
                .extracting(CertificateSummary::notAfter).isEqualTo(complete.notAfter());
        }
    }

    @Test
    void aCertificateAcmFailsAtRequestHasItsReasonAndNeverARecord() {
        layer.acm().failRequestsNaming("blocked.example.com", "DOMAIN_NOT_ALLOWED");
        try (AcmClient acm = aws.acm()) {
            String arn = acm.requestCertificate(b -> b.domainName("www.example.com")
                .subjectAlternativeNames("blocked.example.com").validationMethod(ValidationMethod.DNS))
                .certificateArn();
            layer.time().elapse(Duration.ofHours(1));

            CertificateDetail failed = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
            assertThat(failed.statusAsString()).isEqualTo("FAILED");
            assertThat(failed.failureReasonAsString()).isEqualTo("DOMAIN_NOT_ALLOWED");
            assertThat(failed.domainValidationOptions()).allMatch(v -> v.resourceRecord() == null)
                .extracting(DomainValidation::validationStatusAsString).containsOnly("FAILED");
        }
    }

    @Test
    void moreNamesThanTheQuotaAreRefusedUntilItIsRaised() {
        List<String> tenMore = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "n" + i + ".example.com")
            .toList();
        try (AcmClient acm = aws.acm()) {
            AwsServiceException refused = refusedBy(() -> acm.requestCertificate(b -> b.domainName("example.com")
                .subjectAlternativeNames(tenMore).validationMethod(ValidationMethod.DNS)));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Certificate has too many domains.");

            layer.acm().domainNamesPerCertificate(20);
            assertThat(acm.requestCertificate(b -> b.domainName("example.com").subjectAlternativeNames(tenMore)
                .validationMethod(ValidationMethod.DNS)).certificateArn()).isNotBlank();
        }
    }

    @Test
    void aCertificateInUseNamesItsUsersAndCannotBeDeleted() {
        String loadBalancer = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1";
        try (AcmClient acm = aws.acm()) {
            String arn = request(acm, "www.example.com", KeyAlgorithm.RSA_2048);
            layer.passAcmDelays();
            layer.acm().attach(arn, List.of(loadBalancer));

            assertThat(acm.describeCertificate(b -> b.certificateArn(arn)).certificate().inUseBy())
                .containsExactly(loadBalancer);
            AwsServiceException refused = refusedBy(() -> acm.deleteCertificate(b -> b.certificateArn(arn)));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
            assertThat(refused.awsErrorDetails().errorMessage())
                .isEqualTo("Certificate " + arn + " in account 123456789012 is in use.");

            layer.acm().attach(arn, List.of());
            acm.deleteCertificate(b -> b.certificateArn(arn));
            assertThat(certificateArns()).isEmpty();
        }
    }

    @Test
    void renewalFieldsAreTheOnesATestScripts() {
        Instant updated = Instant.parse("2026-11-02T10:00:00Z");
        Instant notAfter = Instant.parse("2026-12-01T00:00:00Z");
        try (AcmClient acm = aws.acm()) {
            String arn = acm.requestCertificate(b -> b.domainName("example.com").subjectAlternativeNames("www.example.com")
                .validationMethod(ValidationMethod.DNS)).certificateArn();
            layer.passAcmDelays();
            layer.acm().renewal(arn, new AcmConformance.Renewal("ELIGIBLE", Optional.of("PENDING_VALIDATION"),
                Optional.empty(), Set.of("www.example.com"), updated, Optional.empty(), Optional.of(notAfter)));

            CertificateDetail detail = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
            assertThat(detail.renewalEligibilityAsString()).isEqualTo("ELIGIBLE");
            assertThat(detail.notAfter()).isEqualTo(notAfter);
            assertThat(detail.renewalSummary().renewalStatusAsString()).isEqualTo("PENDING_VALIDATION");
            assertThat(detail.renewalSummary().updatedAt()).isEqualTo(updated);
            assertThat(detail.renewalSummary().domainValidationOptions())
                .extracting(DomainValidation::domainName, DomainValidation::validationStatusAsString)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("example.com", "SUCCESS"),
                    org.assertj.core.groups.Tuple.tuple("www.example.com", "PENDING_VALIDATION"));
        }
    }

    @Test
    void motosResetForgetsWhatTheLayerWasToldAndItsTiming() {
        layer.acm().failRequestsNaming("www.example.com", "CAA_ERROR");
        layer.timing(ConformanceTiming.AWS);

        aws = ISSUED_AT_ONCE.freshMoto();

        assertThat(layer.timing()).isEqualTo(ConformanceTiming.SUITE);
        try (AcmClient acm = aws.acm()) {
            String arn = request(acm, "www.example.com", KeyAlgorithm.RSA_2048);
            layer.passAcmDelays();
            assertThat(acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString())
                .isEqualTo("ISSUED");
        }
    }

    @Test
    void aChangeIsPendingAndWildcardNamesAreListedEscaped() {
        String zone = createZone("example.com");
        try (Route53Client route53 = aws.route53()) {
            ChangeStatus status = route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c
                .changes(change -> change.action(ChangeAction.UPSERT).resourceRecordSet(set -> set
                    .name("*.Example.com.").type(RRType.CNAME).ttl(300L).resourceRecords(r -> r.value("x.example.org."))))))
                .changeInfo().status();

            assertThat(status).isEqualTo(ChangeStatus.PENDING);
            assertThat(route53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets())
                .extracting(set -> set.name()).contains("\\052.example.com.");
        }
    }

    @Test
    void hostedZonesAreListedByNameWithTheLabelsReversedAPageAtATime() {
        for (String zone : List.of("example.org", "example.com", "dev.example.com", "example.net")) {
            createZone(zone);
        }
        try (Route53Client route53 = aws.route53()) {
            ListHostedZonesByNameResponse first = route53.listHostedZonesByName(b -> b.dnsName("example.com")
                .maxItems("2"));
            ListHostedZonesByNameResponse second = route53.listHostedZonesByName(b -> b.dnsName(first.nextDNSName())
                .hostedZoneId(first.nextHostedZoneId()).maxItems("2"));

            assertThat(first.hostedZones()).extracting(HostedZone::name).containsExactly("example.com.", "dev.example.com.");
            assertThat(first.isTruncated()).isTrue();
            assertThat(first.maxItems()).isEqualTo("2");
            assertThat(first.nextDNSName()).isEqualTo("example.net.");
            assertThat(second.hostedZones()).extracting(HostedZone::name).containsExactly("example.net.", "example.org.");
            assertThat(second.isTruncated()).isFalse();
        }
    }

    private String request(AcmClient acm, String name, KeyAlgorithm key) {
        return acm.requestCertificate(b -> b.domainName(name).keyAlgorithm(key).validationMethod(ValidationMethod.DNS))
            .certificateArn();
    }

    /** A request for www.example.com with this idempotency token, tagged with this team. */
    private static String requestWithToken(AcmClient acm, String token, String team) {
        return acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod(ValidationMethod.DNS)
            .idempotencyToken(token).tags(t -> t.key("team").value(team))).certificateArn();
    }

    private List<String> certificateArns() {
        try (AcmClient acm = new AwsTestEnvironment(ISSUED_AT_ONCE.moto().rawEndpoint()).acm()) {
            return acm.listCertificates(b -> b.includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
                .certificateSummaryList().stream().map(CertificateSummary::certificateArn).toList();
        }
    }

    private String createZone(String name) {
        try (Route53Client route53 = aws.route53()) {
            return route53.createHostedZone(b -> b.name(name).callerReference(UUID.randomUUID().toString()))
                .hostedZone().id().replace("/hostedzone/", "");
        }
    }

    private static String domainPattern() {
        return "(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])";
    }

    private static AwsServiceException refusedBy(Runnable call) {
        AwsServiceException refused = catchThrowableOfType(AwsServiceException.class, call::run);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private HttpResponse<String> post(String path, String contentType, String target, String service, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(aws.endpoint() + path))
            .header("Content-Type", contentType)
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
