package ca.archivium.dnscert.failure;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's "What a FAILED reason means" follows the failure vocabulary: one row per {@link FailureKind}, and every
 * reason {@link Failure} makes starts as its kind's row says. Reads the README, so it runs with the integration tests.
 */
@IntegrationTest
class FailureKindTest {
    private static final String ARN = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-0000-4000-8000-000000000000";
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (.+?) \\| .+ \\| .+ \\|$", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** Splits a form around its placeholders: "…", "&lt;name&gt;", "[...]" and a lone N. */
    private static final String PLACES = "(?<=…)|(?=…)|(?=<\\w+>)|(?<=<\\w{1,40}>)|(?=\\[\\.\\.\\.])|(?<=\\[\\.\\.\\.])"
        + "|(?=\\bN\\b)|(?<=\\bN\\b)";

    /** Every reason each kind's factories make, so a new factory or kind without a row fails here. */
    private static List<Failure> reasonsOf(FailureKind kind) {
        return switch (kind) {
            case INVALID_PROPERTY -> List.of(Failure.invalidProperty("KeyAlgorithm: 'RSA_1024' is not one of [RSA_2048]"),
                Failure.invalidUpdate("HostedZoneRoleArn: 'x' is not an IAM role ARN"));
            case ARRIVED_TOO_LATE -> List.of(Failure.arrivedAfterDeadline(1740, Instant.parse("2026-06-12T09:00:00Z"), 1800),
                Failure.arrivedAsUrlExpired(Instant.parse("2026-06-12T10:00:00Z")));
            case NO_HOSTED_ZONE -> List.of(Failure.noHostedZone("www.example.com: no public hosted zone found among "
                + "[example.org]"));
            case DNS_PREFLIGHT -> List.of(Failure.dnsPreflight(Failure.dnsPreflightProblems(List.of("hosted zone Z1 "
                + "(example.com) is not the zone public DNS uses: public DNS sends example.com to [ns1.other.net]"))));
            case VALIDATION_BLOCKED -> List.of(Failure.validationBlocked(List.of("hosted zone Z1 (example.com) holds the "
                + "validation records of [www.example.com] but is not the zone public DNS uses"), 300));
            case NOT_VALIDATED_IN_TIME -> List.of(Failure.notValidatedInTime(3540, "www.example.com (CNAME "
                + "_a.www.example.com. → _b.acm-validations.aws. in hosted zone Z1 example.com)"));
            case CERTIFICATE_FAILED -> List.of(Failure.notIssued("DOMAIN_NOT_ALLOWED", "a name was reported as unsafe"),
                Failure.namesNotValidated(List.of("www.example.com"), null, null), Failure.validationTimedOut(),
                Failure.cannotBeIssued("REVOKED"));
            case RECORDS_NOT_GIVEN -> List.of(Failure.recordsNotGiven(ARN));
            case CERTIFICATE_DELETED -> List.of(Failure.deletedWhileWaiting(ARN));
            case AWS_CALL_FAILED -> List.of(Failure.awsCallFailed(new AwsCallException("RequestCertificate",
                "LimitExceededException", "Error: you have reached your limit of 20 certificates in the last year.",
                false, null)), Failure.unforeseen(new AwsCallException("ChangeResourceRecordSets", "AccessDenied",
                "not authorized", false, null)));
            case STILL_IN_USE -> List.of(Failure.stillInUse(ARN, List.of("arn:aws:cloudfront::111111111111:distribution/E1")));
            case WAIT_NOT_STARTED -> List.of(Failure.waitNotStarted("StartExecution failed: AccessDeniedException: no"));
            case INTERNAL_ERROR -> List.of(Failure.errorWhileWaiting("java.lang.NullPointerException: status"),
                Failure.errorWhileHandling("no hosted zone was planned for www.example.com"),
                Failure.unforeseen(new IllegalStateException("no hosted zone was planned for www.example.com")),
                Failure.unreadableStep("request, phase or plan missing"), Failure.unexpectedStep("WAIT"));
            case MALFORMED_REQUEST -> List.of(Failure.malformedRequest("RequestType is missing"));
            case NOT_HANDLED -> List.of(Failure.notHandled("the function failed on every attempt", 3,
                "java.lang.IllegalStateException: boom"), Failure.notHandled("Lambda gave up on its event", 1, null));
        };
    }

    @Test
    void theReadmeTableHasOneRowPerKind() throws IOException {
        Map<String, String> rows = readmeRows();

        assertThat(rows.keySet()).as("the kinds in README.md's table, in the order of FailureKind")
            .containsExactlyElementsOf(Arrays.stream(FailureKind.values()).map(Enum::name).toList());
    }

    @Test
    void everyReasonStartsAsItsKindsRowSays() throws IOException {
        Map<String, String> rows = readmeRows();

        for (FailureKind kind : FailureKind.values()) {
            List<Pattern> forms = forms(rows.getOrDefault(kind.name(), ""));
            assertThat(reasonsOf(kind)).as("the reasons of %s against its row's forms %s", kind, forms)
                .isNotEmpty()
                .allSatisfy(failure -> {
                    assertThat(failure.kind()).isEqualTo(kind);
                    assertThat(forms).as("a form of the %s row that starts \"%s\"", kind, failure.reason())
                        .anySatisfy(form -> assertThat(form.matcher(failure.reason()).lookingAt()).isTrue());
                });
        }
    }

    /** Kind → the "Reason starts with" cell of its row. */
    private static Map<String, String> readmeRows() throws IOException {
        String readme = Files.readString(CloudFormationSimulator.eventsDirectory().getParent().resolve("README.md"));
        int start = readme.indexOf("## What a FAILED reason means");
        assertThat(start).as("README.md has the section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            assertThat(rows.put(row.group(1), row.group(2))).as("one row for %s", row.group(1)).isNull();
        }
        return rows;
    }

    /**
     * The reason forms of a row's cell: each code span, where "…" stands for any text, "&lt;name&gt;" and "[...]" for
     * some text, and N for a number.
     */
    private static List<Pattern> forms(String cell) {
        List<Pattern> forms = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            StringBuilder regex = new StringBuilder();
            for (String part : code.group(1).split(PLACES)) {
                regex.append(part.equals("…") ? ".*?" : part.equals("[...]") || part.matches("<\\w+>") ? ".+?"
                    : part.equals("N") ? "\\d+" : Pattern.quote(part));
            }
            forms.add(Pattern.compile(regex.toString(), Pattern.DOTALL));
        }
        return forms;
    }
}
