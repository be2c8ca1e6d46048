package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaaPolicyTest {
    private static CaaRecord issue(String value) {
        return new CaaRecord(0, "issue", value);
    }

    private static CaaRecord issuewild(String value) {
        return new CaaRecord(0, "issuewild", value);
    }

    /** Public DNS as a map: names absent from it are NXDOMAIN. */
    private static CaaPolicy.Check check(String name, Map<String, DnsLookup<CaaRecord>> dns) {
        return CaaPolicy.check(name, n -> dns.getOrDefault(n, DnsLookup.nxdomain()));
    }

    @Test
    void theWalkGoesFromTheNameUpToBelowTheTopLevelDomain() {
        assertThat(CaaPolicy.namesToAsk("www.dev.example.com"))
            .containsExactly("www.dev.example.com", "dev.example.com", "example.com");
        assertThat(CaaPolicy.namesToAsk("*.dev.example.com")).as("a wildcard starts at its base name")
            .containsExactly("dev.example.com", "example.com");
    }

    @Test
    void noCaaRecordsAnywhereAllowEveryIssuer() {
        assertThat(check("www.example.com", Map.of()).verdict()).isEqualTo(CaaPolicy.Verdict.ALLOWS);
    }

    @Test
    void theFirstAncestorWithCaaRecordsIsTheRelevantOne() {
        CaaPolicy.Check check = check("www.dev.example.com", Map.of(
            "www.dev.example.com", DnsLookup.noData(),
            "dev.example.com", DnsLookup.answer(List.of(issue("letsencrypt.org"))),
            "example.com", DnsLookup.answer(List.of(issue("amazon.com")))));
        assertThat(check.verdict()).as("dev.example.com's set wins over example.com's").isEqualTo(CaaPolicy.Verdict.FORBIDS);
        assertThat(check.owner()).isEqualTo("dev.example.com");
    }

    @Test
    void anyOfAmazonsIssuerDomainsAllows() {
        for (String issuer : List.of("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com", "Amazon.com.",
            "amazon.com; account=123")) {
            assertThat(CaaPolicy.allows("example.com", List.of(issue("letsencrypt.org"), issue(issuer))))
                .as(issuer).isTrue();
        }
    }

    @Test
    void anEmptyIssueValueForbidsEveryIssuer() {
        assertThat(CaaPolicy.allows("example.com", List.of(issue(";")))).isFalse();
    }

    @Test
    void aWildcardUsesIssuewildWhenThereIsAnyElseIssue() {
        List<CaaRecord> wildForbidden = List.of(issue("amazon.com"), issuewild("letsencrypt.org"));
        assertThat(CaaPolicy.allows("*.example.com", wildForbidden)).isFalse();
        assertThat(CaaPolicy.allows("example.com", wildForbidden)).as("issuewild does not concern other names").isTrue();
        assertThat(CaaPolicy.allows("*.example.com", List.of(issue("amazon.com")))).isTrue();
        assertThat(CaaPolicy.allows("*.example.com", List.of(issue("letsencrypt.org"), issuewild("amazon.com")))).isTrue();
        assertThat(CaaPolicy.recordToAdd("*.example.com", wildForbidden)).isEqualTo("0 issuewild \"amazon.com\"");
        assertThat(CaaPolicy.recordToAdd("www.example.com", wildForbidden)).isEqualTo("0 issue \"amazon.com\"");
    }

    @Test
    void onlyIodefRecordsRestrictNothing() {
        assertThat(CaaPolicy.allows("example.com", List.of(new CaaRecord(0, "iodef", "mailto:sec@example.com")))).isTrue();
    }

    @Test
    void aCriticalPropertyAmazonDoesNotKnowForbids() {
        assertThat(CaaPolicy.allows("example.com", List.of(issue("amazon.com"), new CaaRecord(128, "tbs", "x")))).isFalse();
    }

    @Test
    void aLookUpThatFailsBeforeTheRelevantSetIsFoundProvesNothing() {
        CaaPolicy.Check check = check("www.example.com", Map.of(
            "www.example.com", DnsLookup.noData(), "example.com", DnsLookup.unreachable("timed out")));
        assertThat(check.verdict()).isEqualTo(CaaPolicy.Verdict.UNKNOWN);
    }
}
