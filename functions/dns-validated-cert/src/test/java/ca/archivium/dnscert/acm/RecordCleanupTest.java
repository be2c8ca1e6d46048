package ca.archivium.dnscert.acm;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.failure.AwsCallException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** Which validation records a deleted certificate may take with it, across the regions of an account. */
class RecordCleanupTest {
    private static final String ACCOUNT = "123456789012";
    private static final String VALUE = "_v.acm-validations.aws";
    private static final CertificateView DELETED = certificate("us-east-1", "deleted", "example.com", "*.example.com",
        "www.example.com");

    @Test
    void regionsToCheckAreEveryAcmRegionOfTheCertificatesPartitionOnly() {
        List<String> regions = RecordCleanup.regionsToCheck(AccountCertificates.knownAcmRegions(), DELETED.arn(), "us-east-1");

        assertThat(regions).as("commercial regions, with and without opt-in")
            .contains("us-east-1", "eu-west-1", "ap-southeast-2", "af-south-1", "me-south-1")
            .as("no region of another partition, no FIPS alias, no global pseudo-region")
            .noneMatch(region -> region.startsWith("cn-") || region.startsWith("us-gov-") || region.contains("-iso")
                || region.startsWith("eusc-") || region.endsWith("-fips") || region.startsWith("aws-"))
            .doesNotHaveDuplicates();
    }

    @Test
    void regionsToCheckOfAChinaCertificateAreTheChinaRegions() {
        List<String> regions = RecordCleanup.regionsToCheck(AccountCertificates.knownAcmRegions(),
            "arn:aws-cn:acm:cn-north-1:" + ACCOUNT + ":certificate/c", "cn-north-1");

        assertThat(regions).containsExactly("cn-north-1", "cn-northwest-1");
    }

    @Test
    void regionsToCheckAlwaysHoldTheCertificatesOwnRegion() {
        // A region younger than the SDK has no metadata; its own certificate is still looked at.
        List<String> regions = RecordCleanup.regionsToCheck(List.of(Region.US_EAST_1, Region.of("us-east-1-fips")),
            "arn:aws:acm:xx-new-1:" + ACCOUNT + ":certificate/c", "xx-new-1");

        assertThat(regions).containsExactly("us-east-1", "xx-new-1");
    }

    @Test
    void rule7_aRecordAnotherCertificateInAnyRegionNeedsIsKept() {
        CertificateView elsewhere = certificate("eu-west-1", "other", "www.example.com");
        RegionSurvey survey = new RegionSurvey(Map.of("us-east-1", List.of(), "eu-west-1", List.of(elsewhere)),
            Set.of(), Map.of());

        RecordCleanup.Decision decision = RecordCleanup.decide(DELETED, "us-east-1", survey);

        assertThat(decision).isInstanceOfSatisfying(RecordCleanup.DeleteRecords.class, delete ->
            assertThat(delete.records()).as("the apex and wildcard's shared record goes, once; www's stays")
                .extracting(ValidationRecord::name).containsExactly("_x.example.com"));
    }

    @Test
    void theDeletedCertificateItselfDoesNotKeepItsRecords() {
        // ListCertificates can still show a certificate for a moment after DeleteCertificate.
        RegionSurvey survey = new RegionSurvey(Map.of("us-east-1", List.of(DELETED)), Set.of(), Map.of());

        RecordCleanup.Decision decision = RecordCleanup.decide(DELETED, "us-east-1", survey);

        assertThat(decision).isInstanceOfSatisfying(RecordCleanup.DeleteRecords.class, delete ->
            assertThat(delete.records()).extracting(ValidationRecord::name)
                .containsExactly("_x.example.com", "_x.www.example.com"));
    }

    @Test
    void rule7_aRegionThatCouldNotBeAskedKeepsEveryRecordAndIsNamed() {
        RegionSurvey survey = new RegionSurvey(Map.of("us-east-1", List.of(), "eu-west-1", List.of()), Set.of(),
            Map.of("ap-south-1", "ListCertificates failed: ThrottlingException: Rate exceeded"));

        RecordCleanup.Decision decision = RecordCleanup.decide(DELETED, "us-east-1", survey);

        assertThat(decision).isInstanceOfSatisfying(RecordCleanup.KeepRecords.class, keep ->
            assertThat(keep.reason()).contains("kept", "ap-south-1", "ThrottlingException"));
    }

    @Test
    void aKeptRecordsReasonNamesAFewRegionsAndCountsTheRest() {
        Map<String, String> unchecked = new java.util.TreeMap<>();
        for (String region : List.of("ap-east-1", "ap-south-1", "ap-south-2", "eu-north-1", "eu-west-2", "eu-west-3",
            "sa-east-1")) {
            unchecked.put(region, "no answer within 60 s");
        }
        RegionSurvey survey = new RegionSurvey(Map.of("us-east-1", List.of()), Set.of(), unchecked);

        RecordCleanup.Decision decision = RecordCleanup.decide(DELETED, "us-east-1", survey);

        assertThat(((RecordCleanup.KeepRecords) decision).reason()).contains("ap-east-1", "eu-west-2", "and 2 more regions")
            .doesNotContain("sa-east-1");
    }

    @Test
    void aRegionNotEnabledForTheAccountHoldsNoCertificate() {
        RegionSurvey survey = new RegionSurvey(Map.of("us-east-1", List.of()), Set.of("af-south-1"), Map.of());

        RecordCleanup.Decision decision = RecordCleanup.decide(DELETED, "us-east-1", survey);

        assertThat(decision).isInstanceOfSatisfying(RecordCleanup.DeleteRecords.class, delete ->
            assertThat(delete.records()).hasSize(2));
    }

    @Test
    void theOwnRegionAnsweringAsNotEnabledMeansBadCredentialsAndKeepsEveryRecord() {
        RegionSurvey survey = new RegionSurvey(Map.of("eu-west-1", List.of()), Set.of("us-east-1"), Map.of());

        RecordCleanup.Decision decision = RecordCleanup.decide(DELETED, "us-east-1", survey);

        assertThat(decision).isInstanceOfSatisfying(RecordCleanup.KeepRecords.class, keep ->
            assertThat(keep.reason()).contains("us-east-1"));
    }

    @Test
    void onlyAuthenticationErrorsMeanARegionIsNotEnabled() {
        assertThat(RecordCleanup.regionNotEnabled("UnrecognizedClientException")).isTrue();
        assertThat(RecordCleanup.regionNotEnabled("InvalidClientTokenId")).isTrue();
        assertThat(RecordCleanup.regionNotEnabled("AccessDeniedException")).as("a policy denying the region").isFalse();
        assertThat(RecordCleanup.regionNotEnabled("ThrottlingException")).isFalse();
        assertThat(RecordCleanup.regionNotEnabled(null)).as("a client-side failure").isFalse();
    }

    @Test
    void theSurveySortsEveryRegionIntoAnsweredNotEnabledOrUnchecked() {
        CertificateView other = certificate("eu-west-1", "other", "www.example.com");
        AccountCertificates survey = new AccountCertificates(region -> switch (region) {
            case "eu-west-1" -> List.of(other);
            case "af-south-1" -> throw failure("UnrecognizedClientException");
            case "ap-south-1" -> throw failure("ThrottlingException");
            default -> List.of();
        }, Duration.ofSeconds(10));

        RegionSurvey result = survey.survey(List.of("af-south-1", "ap-south-1", "eu-west-1", "us-east-1"));

        assertThat(result.certificates()).containsOnlyKeys("eu-west-1", "us-east-1").containsEntry("eu-west-1", List.of(other));
        assertThat(result.notEnabled()).containsExactly("af-south-1");
        assertThat(result.unchecked()).containsOnlyKeys("ap-south-1");
        assertThat(result.unchecked().get("ap-south-1")).contains("ListCertificates failed: ThrottlingException");
    }

    @Test
    void aRegionThatDoesNotAnswerInTimeIsUnchecked() {
        CountDownLatch never = new CountDownLatch(1);
        AccountCertificates survey = new AccountCertificates(region -> {
            if (region.equals("ap-south-1")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return List.of();
        }, Duration.ofMillis(300));

        long started = System.nanoTime();
        RegionSurvey result = survey.survey(List.of("ap-south-1", "us-east-1"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the bound holds").isLessThan(Duration.ofSeconds(5));
        assertThat(result.certificates()).containsOnlyKeys("us-east-1");
        assertThat(result.unchecked()).containsOnlyKeys("ap-south-1");
    }

    @Test
    void theSurveyAsksAtMostEightRegionsAtATime() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<String, Boolean> asked = new ConcurrentHashMap<>();
        AccountCertificates survey = new AccountCertificates(region -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            asked.put(region, true);
            return List.of();
        }, Duration.ofSeconds(10));
        List<String> regions = RecordCleanup.regionsToCheck(AccountCertificates.knownAcmRegions(), DELETED.arn(), "us-east-1");

        RegionSurvey result = survey.survey(regions);

        assertThat(result.certificates()).as("every region answered").hasSameSizeAs(regions);
        assertThat(asked).hasSameSizeAs(regions);
        assertThat(most.get()).as("regions asked at once").isBetween(1, AccountCertificates.THREADS);
    }

    private static AwsCallException failure(String code) {
        return new AwsCallException("ListCertificates", code, "injected", code.startsWith("Throttling"), null);
    }

    private static CertificateView certificate(String region, String id, String... names) {
        List<NameValidation> validations = Arrays.stream(names)
            .map(n -> new NameValidation(n, ValidationStatus.SUCCESS, "DNS", new ValidationRecord(n, "_x." + n.replace("*.", ""), VALUE)))
            .toList();
        return new CertificateView("arn:aws:acm:" + region + ":" + ACCOUNT + ":certificate/" + id, names[0], List.of(names),
            AcmStatus.ISSUED, "AMAZON_ISSUED", "RSA_2048", null, List.of(), validations, false);
    }
}
