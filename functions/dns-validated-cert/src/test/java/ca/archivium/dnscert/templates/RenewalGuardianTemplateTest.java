package ca.archivium.dnscert.templates;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lambda.GuardianHandler;
import ca.archivium.dnscert.log.EmbeddedMetrics;
import ca.archivium.dnscert.renewal.GuardianLog;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The renewal guardian as {@code template.yaml} deploys it: run once a day and on ACM's "Renewal Action Required"
 * events, the events under {@code events/} being what those deliver, and an alarm on the metric it emits.
 */
@IntegrationTest
class RenewalGuardianTemplateTest {
    private static final Path ROOT = LeastPrivilegeTest.repositoryRoot();
    private static final Template TEMPLATE = CloudFormationYaml.read(ROOT.resolve("template.yaml"));

    @Test
    void theGuardianIsTheGuardianHandlerWithLambdasLongestTimeout() {
        Map<String, Object> function = properties("RenewalGuardianFunction");

        assertThat(function.get("Handler")).isEqualTo(GuardianHandler.class.getName() + "::handleRequest");
        assertThat(function.get("Timeout")).as("a survey of every region may take minutes; 900 s is Lambda's limit")
            .isEqualTo(900);
    }

    @Test
    void theGuardianRunsWithoutSnapStartThroughItsAliasAndAFailedRunIsNotRetried() {
        Map<String, Object> function = properties("RenewalGuardianFunction");
        Map<String, Object> globals = map(TEMPLATE.section("Globals").get("Function"));

        assertThat(map(function.get("SnapStart"))).as("no snapshot: nobody waits on a daily run, and it primes nothing")
            .containsOnly(Map.entry("ApplyOn", "None"));
        assertThat(function).as("it keeps the alias its events invoke").doesNotContainKey("AutoPublishAlias");
        assertThat(globals.get("AutoPublishAlias")).as("the alias SAM points the events and EventInvokeConfig at")
            .isEqualTo("live");
        assertThat(map(function.get("EventInvokeConfig"))).as("a failed run (a region not asked) is not run again:"
            + " the errors alarm and the next daily run cover it").containsEntry("MaximumRetryAttempts", 0);
    }

    @Test
    void aScheduleRunsTheGuardianOnceADayOverEveryCertificate() throws IOException {
        Map<String, Object> daily = event("Daily");

        assertThat(daily.get("Type")).isEqualTo("Schedule");
        assertThat(map(daily.get("Properties")).get("Schedule")).isEqualTo("rate(1 day)");
        ScheduledEvent scheduled = EventLoader.loadScheduledEvent(eventFile("guardian-schedule.json").toString());
        assertThat(scheduled.getSource()).as("EventBridge's scheduled events").isEqualTo("aws.events");
        assertThat(scheduled.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(GuardianHandler.certificatesNamed(Files.readAllBytes(eventFile("guardian-schedule.json"))))
            .as("the schedule names no certificate: the guardian surveys them all").isEmpty();
    }

    @Test
    void acmsRenewalActionRequiredEventsRunTheGuardianOverTheCertificateTheyName() throws IOException {
        Map<String, Object> rule = event("RenewalActionRequired");
        Map<String, Object> pattern = map(map(rule.get("Properties")).get("Pattern"));

        assertThat(rule.get("Type")).isEqualTo("EventBridgeRule");
        assertThat(pattern).containsOnly(Map.entry("source", List.of("aws.acm")),
            Map.entry("detail-type", List.of("ACM Certificate Renewal Action Required")));
        ScheduledEvent acm = EventLoader.loadScheduledEvent(eventFile("acm-renewal-action-required.json").toString());
        assertThat(List.of(acm.getSource())).as("the event file matches the rule's source").isEqualTo(pattern.get("source"));
        assertThat(List.of(acm.getDetailType())).as("and its detail-type").isEqualTo(pattern.get("detail-type"));
        assertThat(GuardianHandler.certificatesNamed(Files.readAllBytes(eventFile("acm-renewal-action-required.json"))))
            .as("the guardian checks the certificate the event names").isEqualTo(acm.getResources());
    }

    @Test
    void anAlarmWatchesTheCertificatesAtRiskTheGuardianCountsAndNotifiesTheTopicWhenGiven() {
        Map<String, Object> alarm = properties("CertificatesAtRiskAlarm");
        Map<String, Object> topic = map(TEMPLATE.parameters().get("NotificationTopicArn"));

        assertThat(alarm).contains(Map.entry("Namespace", EmbeddedMetrics.NAMESPACE),
            Map.entry("MetricName", GuardianLog.AT_RISK), Map.entry("Threshold", 1),
            Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"), Map.entry("Statistic", "Maximum"),
            Map.entry("TreatMissingData", "ignore"));
        assertThat(alarm).as("no dimensions: one metric for the account, not one per certificate")
            .doesNotContainKey("Dimensions");
        Object notify = Map.of("Fn::If", List.of("HasNotificationTopic", List.of(Map.of("Ref", "NotificationTopicArn")),
            Map.of("Ref", "AWS::NoValue")));
        assertThat(alarm).contains(Map.entry("AlarmActions", notify), Map.entry("OKActions", notify));
        assertThat(topic.get("Default")).as("the topic is optional").isEqualTo("");
        assertThat("arn:aws:sns:eu-west-1:123456789012:certificate-alerts").matches(String.valueOf(topic.get("AllowedPattern")));
        assertThat("*").doesNotMatch(String.valueOf(topic.get("AllowedPattern")));
    }

    private static Map<String, Object> event(String name) {
        return map(map(properties("RenewalGuardianFunction").get("Events")).get(name));
    }

    private static Map<String, Object> properties(String logicalId) {
        return map(map(TEMPLATE.resources().get(logicalId)).get("Properties"));
    }

    private static Path eventFile(String name) {
        return ROOT.resolve("events").resolve(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
