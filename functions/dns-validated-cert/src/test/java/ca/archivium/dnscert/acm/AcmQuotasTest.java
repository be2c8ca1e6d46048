package ca.archivium.dnscert.acm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcmQuotasTest {
    @Test
    void tooManyNamesIsTheDomainNamesQuotaWithItsCodeAndTheNamesAsked() {
        assertThat(AcmQuotas.explain("Certificate has too many domains.", "us-east-1", 14))
            .contains("14 names", "\"Domain names per ACM certificate\"", "at most 100",
                "aws service-quotas request-service-quota-increase --service-code acm --quota-code L-FB94F0B0 "
                    + "--desired-value 14 --region us-east-1");
    }

    @Test
    void theLastYearsLimitIsTheYearlyQuota() {
        assertThat(AcmQuotas.explain("Error: you have reached your limit of 20 certificates in the last year.",
            "eu-west-1", 2))
            .contains("\"ACM certificates created in last 365 days\"", "--quota-code L-DA1D8B98", "--region eu-west-1")
            .doesNotContain("L-FB94F0B0");
    }

    @Test
    void motosMessageForTooManyAlternativeNamesIsTheDomainNamesQuota() {
        assertThat(AcmQuotas.explain("An ACM limit has been exceeded. Need to request SAN limit to be raised",
            "eu-west-1", 11)).contains("L-FB94F0B0").doesNotContain("L-DA1D8B98");
    }

    @Test
    void aMessageThatNamesNeitherListsBothQuotas() {
        assertThat(AcmQuotas.explain("An ACM quota has been exceeded.", "eu-west-1", 2))
            .contains("did not say which quota", "L-FB94F0B0", "L-DA1D8B98");
    }
}
