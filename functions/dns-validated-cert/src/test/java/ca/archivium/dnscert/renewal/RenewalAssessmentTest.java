package ca.archivium.dnscert.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.CertificateRenewal;
import ca.archivium.dnscert.acm.CertificateView;
import ca.archivium.dnscert.acm.NameValidation;
import ca.archivium.dnscert.acm.ValidationRecord;
import ca.archivium.dnscert.acm.ValidationStatus;
import ca.archivium.dnscert.dns.CaaPolicy;
import ca.archivium.dnscert.dns.CaaRecord;
import ca.archivium.dnscert.dns.Delegation;
import ca.archivium.dnscert.dns.DnsLookup;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.failure.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Will it renew? One rule of ACM's per test, on a 198-day certificate. */
class RenewalAssessmentTest {
    private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(198));
    /** Long before renewal: 100 days left. */
    private static final Instant EARLY = EXPIRES.minus(Duration.ofDays(100));
    /** In ACM's window (59 days for 198-day certificates), before the middle: 40 days left. */
    private static final Instant IN_WINDOW = EXPIRES.minus(Duration.ofDays(40));
    private static final String RECORD = "_a1.www.example.com";
    private static final String VALUE = "_b2.acm-validations.aws";
    private static final String ROLE = "arn:aws:iam::222222222222:role/dns-validation";
    private static final List<String> ZONE_NS = List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net");

    private static CertificateRenewal certificate(AcmStatus status, List<String> inUseBy, String eligibility,
                                                  String renewalStatus, String reason) {
        CertificateView view = new CertificateView("arn:aws:acm:us-east-1:123456789012:certificate/c1", "www.example.com",
            List.of("www.example.com"), status, "AMAZON_ISSUED", "RSA-2048", null, inUseBy,
            List.of(new NameValidation("www.example.com", ValidationStatus.SUCCESS, "DNS",
                new ValidationRecord("www.example.com", RECORD, VALUE))), false);
        return new CertificateRenewal(view, ISSUED, EXPIRES, eligibility, renewalStatus, reason,
            renewalStatus == null || renewalStatus.equals("SUCCESS") ? List.of() : List.of("www.example.com"));
    }

    private static CertificateRenewal inUse() {
        return certificate(AcmStatus.ISSUED, List.of("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"),
            "ELIGIBLE", null, null);
    }

    private static RecordCheck record(RecordCheck.State state, String found, String detail) {
        return new RecordCheck(RECORD, VALUE, List.of("www.example.com"), "Z1", "example.com", state, found, detail,
            Set.of());
    }

    private static ValidationDiagnosis dns(DnsLookup<String> publicNs, DnsLookup<CaaRecord> caa, DnsLookup<String> cname) {
        return ValidationDiagnosis.of("www.example.com", RECORD, VALUE, "Z1", "example.com",
            Delegation.check("example.com", ZONE_NS, publicNs), CaaPolicy.check("www.example.com", name -> caa), cname);
    }

    private static List<Finding> findings(CertificateRenewal renewal, List<RecordCheck> records,
                                          List<ValidationDiagnosis> dns, Instant now, boolean fixing) {
        return RenewalAssessment.findings(renewal, CertificateReport.Origin.PRODUCT, records, dns, now, fixing);
    }

    private static List<Finding> risks(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.RISK).toList();
    }

    @Test
    void aCertificateInUseWithItsRecordVisibleHasNothingToSay() {
        List<Finding> findings = findings(inUse(), List.of(record(RecordCheck.State.PRESENT, null, null)),
            List.of(dns(DnsLookup.answer(ZONE_NS), DnsLookup.noData(), DnsLookup.answer(List.of(VALUE + ".")))), IN_WINDOW,
            true);

        assertThat(findings).isEmpty();
    }

    @Test
    void anUnusedCertificateInItsRenewalWindowIsAtRiskAndSaysToAttachIt() {
        CertificateRenewal unused = certificate(AcmStatus.ISSUED, List.of(), "INELIGIBLE", null, null);

        List<Finding> findings = findings(unused, List.of(record(RecordCheck.State.PRESENT, null, null)), List.of(),
            IN_WINDOW, true);

        assertThat(risks(findings)).singleElement().satisfies(risk -> {
            assertThat(risk.text()).contains("not in use", "expires in 40 days (2026-09-15)", "attach it");
            assertThat(risk.action()).isEqualTo("attach it, or remove it");
        });
    }

    @Test
    void anUnusedCertificateBeforeItsWindowIsOnlyANoteWithTheDateToAttachItBy() {
        CertificateRenewal unused = certificate(AcmStatus.ISSUED, List.of(), "INELIGIBLE", null, null);

        List<Finding> findings = findings(unused, List.of(), List.of(), EARLY, true);

        assertThat(risks(findings)).isEmpty();
        assertThat(findings).singleElement().extracting(Finding::text).asString()
            .contains("not in use", "attached before 2026-07-17");
    }

    @Test
    void anExportedCertificateIsEligibleWithoutBeingInUse() {
        CertificateRenewal exported = certificate(AcmStatus.ISSUED, List.of(), "ELIGIBLE", null, null);

        assertThat(findings(exported, List.of(), List.of(), IN_WINDOW, true)).isEmpty();
    }

    @Test
    void aFailedRenewalIsAtRiskWithAcmsReasonExplained() {
        CertificateRenewal failed = certificate(AcmStatus.ISSUED, inUse().certificate().inUseBy(), "ELIGIBLE", "FAILED",
            "CAA_ERROR");

        assertThat(risks(findings(failed, List.of(), List.of(), IN_WINDOW, true))).singleElement().satisfies(risk -> {
            assertThat(risk.text()).startsWith("ACM's renewal failed (CAA_ERROR: a CAA record forbids Amazon");
            assertThat(risk.action()).isEqualTo("fix the cause, then check ACM");
        });
    }

    @Test
    void aRenewalPendingValidationNamesTheNamesAcmCannotValidate() {
        CertificateRenewal pending = certificate(AcmStatus.ISSUED, inUse().certificate().inUseBy(), "ELIGIBLE",
            "PENDING_VALIDATION", null);

        assertThat(risks(findings(pending, List.of(), List.of(), IN_WINDOW, true))).singleElement()
            .extracting(Finding::text).asString()
            .startsWith("ACM cannot validate the renewal of [www.example.com]").contains("visible in public DNS");
    }

    @Test
    void anExpiredCertificateSaysToReplaceItAndNothingElse() {
        CertificateRenewal expired = certificate(AcmStatus.EXPIRED, List.of(), "INELIGIBLE", null, null);

        assertThat(findings(expired, List.of(record(RecordCheck.State.MISSING, null, null)), List.of(),
            EXPIRES.plus(Duration.ofDays(3)), false)).singleElement().satisfies(risk -> {
                assertThat(risk.text()).startsWith("expired on 2026-09-15: ACM never renews an expired certificate");
                assertThat(risk.action()).isEqualTo("replace it");
            });
    }

    @Test
    void aMissingRecordSaysToRestoreItWithTheCommandWhenNotFixing() {
        List<Finding> findings = findings(inUse(), List.of(record(RecordCheck.State.MISSING, null, null)), List.of(), EARLY,
            false);

        assertThat(risks(findings)).singleElement().satisfies(risk -> {
            assertThat(risk.text()).contains("validation record _a1.www.example.com (for www.example.com) is missing from"
                + " hosted zone Z1 (example.com)", "dns-validated-cert renewals --fix");
            assertThat(risk.action()).isEqualTo("restore records (--fix)");
        });
    }

    @Test
    void aRecordThatCouldNotBeWrittenBackSaysWhy() {
        List<Finding> findings = findings(inUse(),
            List.of(record(RecordCheck.State.CHANGED, "_other.acm-validations.aws", "ChangeResourceRecordSets failed: AccessDenied")),
            List.of(), EARLY, true);

        assertThat(risks(findings)).singleElement().extracting(Finding::text).asString()
            .contains("holds _other.acm-validations.aws instead of " + VALUE, "writing it failed: ChangeResourceRecordSets"
                + " failed: AccessDenied");
    }

    @Test
    void aRestoredRecordIsANoteAndItsAbsenceFromPublicDnsBeforeTheRestoreIsNoRisk() {
        List<Finding> findings = findings(inUse(), List.of(record(RecordCheck.State.RESTORED, null, null)),
            List.of(dns(DnsLookup.answer(ZONE_NS), DnsLookup.noData(), DnsLookup.nxdomain())), EARLY, true);

        assertThat(risks(findings)).isEmpty();
        assertThat(findings).extracting(Finding::text).anyMatch(text -> text.contains("was missing from hosted zone Z1"
            + " (example.com): written again"));
    }

    @Test
    void aRecordMissingFromPublicDnsInTheDelegatedZoneIsAtRisk() {
        List<Finding> findings = findings(inUse(), List.of(record(RecordCheck.State.PRESENT, null, null)),
            List.of(dns(DnsLookup.answer(ZONE_NS), DnsLookup.noData(), DnsLookup.nxdomain())), EARLY, true);

        assertThat(risks(findings)).singleElement().extracting(Finding::action).isEqualTo("publish the record");
    }

    @Test
    void aZoneDelegatedElsewhereIsAtRiskOnceWithBothNameServerSets() {
        ValidationDiagnosis elsewhere = dns(DnsLookup.answer(List.of("ns1.other-dns.net")), DnsLookup.noData(),
            DnsLookup.nxdomain());

        List<Finding> findings = findings(inUse(), List.of(record(RecordCheck.State.PRESENT, null, null)),
            List.of(elsewhere, elsewhere), EARLY, true);

        assertThat(risks(findings)).singleElement().satisfies(risk -> {
            assertThat(risk.text()).contains("hosted zone Z1 (example.com)", "ns1.other-dns.net", "ns-1.awsdns-01.com");
            assertThat(risk.action()).isEqualTo("fix the delegation");
        });
    }

    @Test
    void caaThatForbidsAmazonIsAtRisk() {
        ValidationDiagnosis caa = dns(DnsLookup.answer(ZONE_NS),
            DnsLookup.answer(List.of(new CaaRecord(0, "issue", "letsencrypt.org"))), DnsLookup.answer(List.of(VALUE)));

        assertThat(risks(findings(inUse(), List.of(), List.of(caa), EARLY, true))).singleElement()
            .extracting(Finding::action).isEqualTo("allow Amazon in CAA");
    }

    @Test
    void aRoleStsRefusesIsAtRiskWithStsAdviceOnceAndTheGuardiansRoleNamed() {
        // What RoleSessions throws for STS's AccessDenied, as the guardian records it.
        AwsCallException refused = new AwsCallException("AssumeRole", "AccessDenied", "User: arn:aws:sts::123456789012:"
            + "assumed-role/guardian/fn is not authorized to perform: sts:AssumeRole on resource: " + ROLE, false, null)
            .withAdvice(Failure.ASSUME_ROLE_DENIED);
        RecordCheck unreachable = record(RecordCheck.State.UNREACHABLE, null, null)
            .unreachable(refused.getMessage() + " (through role " + ROLE + ")", Set.of(RecordCheck.Cause.of(refused)));

        List<Finding> findings = findings(inUse(), List.of(unreachable), List.of(), EARLY, true);

        assertThat(unreachable.causes()).containsExactly(RecordCheck.Cause.ROLE_REFUSED);
        assertThat(risks(findings)).singleElement().extracting(Finding::text).asString()
            .contains("cannot be read", "AssumeRole failed: AccessDenied", "the stack's RenewalGuardianRoleArn output")
            .satisfies(text -> assertThat(text.split(Pattern.quote(Failure.ASSUME_ROLE_DENIED), -1))
                .as("STS's advice said once: %s", text).hasSize(2));
    }

    @Test
    void zonesOutOfReachForDifferentCausesGetEachItsFix() {
        RecordCheck unreachable = record(RecordCheck.State.UNREACHABLE, null, null).unreachable(
            "hosted zone Z1: its role could not be recorded on the certificate within ACM's tag rules, so it is not"
                + " recorded; hosted zone Z2: it does not exist, or the function's own credentials cannot see it",
            Set.of(RecordCheck.Cause.ZONE_UNREADABLE, RecordCheck.Cause.ROLE_NOT_RECORDED));

        assertThat(risks(findings(inUse(), List.of(unreachable), List.of(), EARLY, true))).singleElement()
            .extracting(Finding::text).asString()
            .contains("Fix: write the role's ARN and external id with ACM's tag characters",
                "; make sure the zone exists")
            .doesNotContain("RenewalGuardianRoleArn");
    }

    @Test
    void aFailureOfRoute53ItselfIsTheZonesNotTheRoles() {
        AwsCallException denied = new AwsCallException("GetHostedZone", "AccessDenied", "User: arn:aws:sts::"
            + "123456789012:assumed-role/guardian/fn is not authorized to access this resource", false, null);

        assertThat(RecordCheck.Cause.of(denied)).isEqualTo(RecordCheck.Cause.ZONE_UNREADABLE);
    }

    @Test
    void aZoneNotRecordedOnTheCertificateIsANote() {
        List<Finding> findings = findings(inUse(), List.of(record(RecordCheck.State.NOT_RECORDED, null,
            "its hosted zone is not recorded on the certificate")), List.of(), EARLY, true);

        assertThat(risks(findings)).isEmpty();
        assertThat(findings).singleElement().extracting(Finding::text).asString().contains("not recorded");
    }

    @Test
    void aRenewalNotDonePastTheMiddleOfTheWindowIsOverdue() {
        Instant lateInWindow = EXPIRES.minus(Duration.ofDays(20));

        assertThat(risks(findings(inUse(), List.of(), List.of(), lateInWindow, true))).singleElement().satisfies(risk -> {
            assertThat(risk.text()).startsWith("not renewed 20 days before it expires");
            assertThat(risk.action()).isEqualTo("check ACM's renewal status");
        });
        assertThat(findings(inUse(), List.of(), List.of(), IN_WINDOW, true)).as("earlier in the window").isEmpty();
    }

    @Test
    void aCertificateMadeElsewhereIsSaidToBeSo() {
        List<Finding> findings = RenewalAssessment.findings(inUse(), CertificateReport.Origin.ELSEWHERE, List.of(),
            List.of(), EARLY, true);

        assertThat(findings).singleElement().extracting(Finding::text).asString().startsWith("made elsewhere");
    }
}
