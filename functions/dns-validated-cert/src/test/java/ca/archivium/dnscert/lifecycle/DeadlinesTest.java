package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cfn.CfnRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deadline counts from when CloudFormation sent the request: its ResponseURL's signing time. */
class DeadlinesTest {
    private static final Instant SIGNED = Instant.parse("2026-12-04T10:00:00Z");

    private static CfnRequest sentWith(String query, String serviceTimeout) {
        return CfnRequest.parse(CustomResourceEvents.event("Create", Map.of("DomainName", "www.example.com",
            "ServiceTimeout", serviceTimeout)).put("ResponseURL",
            "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/r?" + query));
    }

    private static CfnRequest signedAt(Instant signed, String serviceTimeout) {
        return sentWith("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + signed.toString().replace("-", "")
            .replace(":", "") + "&X-Amz-Expires=7200&X-Amz-Signature=abc", serviceTimeout);
    }

    private static long at(Duration afterSigning) {
        return SIGNED.plus(afterSigning).toEpochMilli();
    }

    @Test
    void aRequestDeliveredLateCountsFromWhenItWasSentNotFromItsArrival() {
        CfnRequest request = signedAt(SIGNED, "1800");
        long arrived = at(Duration.ofMinutes(20));

        long sent = Deadlines.sentEpochMs(request, arrived);

        assertThat(sent).isEqualTo(SIGNED.toEpochMilli());
        assertThat(Deadlines.deadline(sent, request.serviceTimeout()))
            .as("1800 s after sending, less the 60 s margin").isEqualTo(at(Duration.ofSeconds(1740)));
        assertThat(Deadlines.tooLate(request, arrived)).as("10 minutes are left").isEmpty();
    }

    @Test
    void aRequestArrivingAfterItsDeadlineIsTooLateAndTheReasonSaysWhen() {
        CfnRequest request = signedAt(SIGNED, "1800");

        assertThat(Deadlines.tooLate(request, at(Duration.ofSeconds(1740)))).hasValueSatisfying(failure ->
            assertThat(failure.reason()).contains("arrived 1740 s after CloudFormation sent it", SIGNED.toString(),
                "ServiceTimeout 1800 s", "Nothing was done"));
        assertThat(Deadlines.tooLate(request, at(Duration.ofHours(3)))).isPresent();
    }

    @Test
    void withoutASigningTimeTheArrivalStandsInAndNothingIsTooLate() {
        CfnRequest request = sentWith("X-Amz-Signature=local", "1800");
        long arrived = at(Duration.ofHours(5));

        assertThat(Deadlines.sentEpochMs(request, arrived)).isEqualTo(arrived);
        assertThat(Deadlines.tooLate(request, arrived)).isEmpty();
    }

    @Test
    void aSigningTimeAfterTheArrivalIsAClockDisagreementAndTheArrivalCounts() {
        CfnRequest request = signedAt(SIGNED.plusSeconds(30), "3600");

        assertThat(Deadlines.sentEpochMs(request, SIGNED.toEpochMilli())).isEqualTo(SIGNED.toEpochMilli());
        assertThat(Deadlines.tooLate(request, SIGNED.toEpochMilli())).isEmpty();
    }

    @Test
    void anOlderUrlThatGivesOnlyItsEndIsTooLateOnceItIsAboutToExpire() {
        CfnRequest request = sentWith("AWSAccessKeyId=AKIAEXAMPLE&Expires=" + SIGNED.getEpochSecond() + "&Signature=abc",
            "3600");

        assertThat(Deadlines.tooLate(request, at(Duration.ofMinutes(-10)))).isEmpty();
        assertThat(Deadlines.tooLate(request, at(Duration.ofSeconds(-30))))
            .hasValueSatisfying(failure -> assertThat(failure.reason()).contains("as its ResponseURL expired"));
    }
}
