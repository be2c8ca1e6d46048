package ca.archivium.dnscert.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.dns.CaaPolicy;
import ca.archivium.dnscert.dns.CaaRecord;
import ca.archivium.dnscert.dns.Delegation;
import ca.archivium.dnscert.dns.DnsLookup;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationDiagnosisTest {
    private static final List<String> ZONE_NS = List.of("ns-1.awsdns-01.com");
    private static final Delegation.Check DELEGATED =
        Delegation.check("example.com", ZONE_NS, DnsLookup.answer(ZONE_NS));
    private static final Delegation.Check NOT_KNOWN = Delegation.check("example.com", ZONE_NS, DnsLookup.nxdomain());
    private static final Delegation.Check WRONG =
        Delegation.check("example.com", ZONE_NS, DnsLookup.answer(List.of("ns1.other-dns.net")));
    private static final CaaPolicy.Check NO_CAA = new CaaPolicy.Check("www.example.com", CaaPolicy.Verdict.ALLOWS, null, List.of(), null);

    private static ValidationDiagnosis diagnose(Delegation.Check delegation, CaaPolicy.Check caa, DnsLookup<String> cname) {
        return ValidationDiagnosis.of("www.example.com", "_a.www.example.com", "_b.acm-validations.aws.", "Z1",
            "example.com", delegation, caa, cname);
    }

    @Test
    void theRecordWithTheValueAcmAskedForIsVisible() {
        ValidationDiagnosis d = diagnose(DELEGATED, NO_CAA, DnsLookup.answer(List.of("_b.acm-validations.aws")));
        assertThat(d.kind()).isEqualTo(ValidationDiagnosis.Kind.RECORD_VISIBLE);
        assertThat(d.provable()).isFalse();
        assertThat(d.summary()).isEqualTo("record visible");
    }

    @Test
    void aMissingRecordCountsOnlyInAZoneWhoseDelegationIsVerified() {
        assertThat(diagnose(DELEGATED, NO_CAA, DnsLookup.nxdomain()).provable()).isTrue();
        ValidationDiagnosis unproven = diagnose(NOT_KNOWN, NO_CAA, DnsLookup.nxdomain());
        assertThat(unproven.kind()).isEqualTo(ValidationDiagnosis.Kind.NOT_VISIBLE);
        assertThat(unproven.provable()).as("moto's zones are unknown to public DNS: never a failure").isFalse();
        assertThat(unproven.summary()).contains("record not visible", "not conclusive");
    }

    @Test
    void aRecordWithAnotherValueIsNotVisibleAndSaysWhatPublicDnsAnswers() {
        ValidationDiagnosis d = diagnose(DELEGATED, NO_CAA, DnsLookup.answer(List.of("_old.acm-validations.aws")));
        assertThat(d.kind()).isEqualTo(ValidationDiagnosis.Kind.NOT_VISIBLE);
        assertThat(d.explanation()).contains("_old.acm-validations.aws", "_a.www.example.com", "Z1", "Fix:");
    }

    @Test
    void aWrongDelegationComesFirstAndNamesBothNameServerSets() {
        ValidationDiagnosis d = diagnose(WRONG, NO_CAA, DnsLookup.answer(List.of("_b.acm-validations.aws")));
        assertThat(d.kind()).isEqualTo(ValidationDiagnosis.Kind.DELEGATION_WRONG);
        assertThat(d.provable()).isTrue();
        assertThat(d.summary()).isEqualTo("delegation wrong (public NS [ns1.other-dns.net] vs zone NS [ns-1.awsdns-01.com])");
        assertThat(d.explanation()).contains("Z1", "set the NS records of example.com at its parent", "ns-1.awsdns-01.com");
    }

    @Test
    void wrongDelegationsComeFirstInTheOrderTheirZonesWereSeen() {
        ValidationDiagnosis missing = diagnose(DELEGATED, NO_CAA, DnsLookup.nxdomain());
        ValidationDiagnosis first = ValidationDiagnosis.of("www.example.com", "_a.www.example.com", "_b.acm-validations.aws.",
            "Z1", "example.com", WRONG, NO_CAA, DnsLookup.nxdomain());
        ValidationDiagnosis second = ValidationDiagnosis.of("www.example.org", "_a.www.example.org", "_b.acm-validations.aws.",
            "Z2", "example.org", Delegation.check("example.org", ZONE_NS, DnsLookup.answer(List.of("ns1.other-dns.net"))),
            NO_CAA, DnsLookup.nxdomain());

        assertThat(ValidationDiagnosis.explanations(List.of(missing, first, second)))
            .satisfiesExactly(
                zone -> assertThat(zone).contains("Z1"),
                zone -> assertThat(zone).contains("Z2"),
                name -> assertThat(name).isEqualTo(missing.explanation()));
    }

    @Test
    void forbiddingCaaIsProvable() {
        CaaPolicy.Check caa = new CaaPolicy.Check("www.example.com", CaaPolicy.Verdict.FORBIDS, "example.com",
            List.of(new CaaRecord(0, "issue", "letsencrypt.org")), null);
        ValidationDiagnosis d = diagnose(DELEGATED, caa, DnsLookup.answer(List.of("_b.acm-validations.aws")));
        assertThat(d.kind()).isEqualTo(ValidationDiagnosis.Kind.CAA_FORBIDS);
        assertThat(d.summary()).isEqualTo("CAA forbids (example.com CAA [0 issue \"letsencrypt.org\"])");
        assertThat(d.explanation()).contains("add the CAA record 0 issue \"amazon.com\" at example.com");
    }

    @Test
    void aFailedLookUpIsUnknownAndNeverProvable() {
        ValidationDiagnosis d = diagnose(DELEGATED, NO_CAA, DnsLookup.unreachable("timed out"));
        assertThat(d.kind()).isEqualTo(ValidationDiagnosis.Kind.UNKNOWN);
        assertThat(d.provable()).isFalse();
    }
}
