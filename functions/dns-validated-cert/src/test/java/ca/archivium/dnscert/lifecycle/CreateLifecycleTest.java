package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import ca.archivium.dnscert.testing.ResourceRecordWithholding;
import ca.archivium.dnscert.testing.conformance.ConformanceTiming;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Create, from the CloudFormation event to the one answer, against moto. */
@IntegrationTest
class CreateLifecycleTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void createWaitsInTheLoopUntilIssuedThenAnswersSuccessWithTheArn() {
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).as("the handler hands over to the wait loop").isEqualTo(Handled.WAITING);
        assertThat(cfn.sink().received()).as("nothing is answered before the certificate is issued").isEmpty();
        cfn.proxy().next(1, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        List<JsonNode> steps = cfn.runWaitLoopFor(event);

        assertThat(steps).as("looks until ACM says ISSUED").extracting(s -> s.path("outcome").asText()).last()
            .isEqualTo("DONE");
        assertThat(steps).as("at least one look found the certificate still validating").hasSizeGreaterThan(1);
        ResponseSink.Received answer = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(cfn.certificateArns()).as("one certificate requested").containsExactly(arn);
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).as("Ref is the certificate ARN").isEqualTo(arn);
        assertThat(answer.body().path("RequestId").asText()).isEqualTo(event.path("RequestId").asText());
        assertThat(answer.data().path("Arn").asText()).isEqualTo(arn);
        assertThat(answer.data().path("Status").asText()).isEqualTo("ISSUED");
        assertThat(answer.data().path("DomainName").asText()).isEqualTo(CloudFormationSimulator.DOMAIN);
        assertThat(answer.data().path("HostedZoneIds").asText()).isEqualTo(cfn.zone().id());
        assertThat(answer.data().path("Reused").asText()).isEqualTo("false");
        assertThat(validationRecords()).as("one validation CNAME per name in example.com").hasSize(2);
        assertThat(cfn.tagsOf(arn)).containsEntry("team", "web");
        assertThat(cfn.log()).as("the ResponseURL's signature never reaches the log")
            .doesNotContain(ResponseSink.SIGNATURE);
    }

    @Test
    void aCertificateAcmFailsAtTheRequestAnswersFailedAtOnceWithAcmsReasonAndItsArnForTheRollback() {
        AtomicInteger looksAtTheFailure = new AtomicInteger();
        Function<ProxiedRequest, ProxyReply> failed = AcmReplies.failedAtRequest(cfn.moto(), "DOMAIN_NOT_ALLOWED");
        cfn.proxy().every("DescribeCertificate").reply(request -> {
            ProxyReply reply = failed.apply(request);
            if (reply.status() == 200) {
                looksAtTheFailure.incrementAndGet();
            }
            return reply;
        });
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).as("no validation records will ever come: answered now, not at the deadline")
            .isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("ACM's reason and what to do about it").contains("DOMAIN_NOT_ALLOWED", "virustotal.com");
        assertThat(answer.physicalResourceId()).as("rule 8: the ARN, so the rollback deletes it").isEqualTo(arn);
        assertThat(looksAtTheFailure).as("one look at the failed certificate was enough (the looks before it met ACM's"
            + " not-found window)").hasValue(1);
        assertThat(validationRecords()).as("nothing written").isEmpty();

        assertThat(cfn.rollbackDelete(arn).status()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("nothing orphaned").isEmpty();
    }

    @Test
    void aCertificateAcmFailsWhileTheLoopWaitsForItsRecordsEndsTheLoopAtOnce() {
        // The handler's short poll sees no records yet (ACM is slow to publish them), then ACM fails the request.
        cfn.proxy().next(6, "DescribeCertificate").withholdResourceRecords(ResourceRecordWithholding.ALL);
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.failedAtRequest(cfn.moto(), "CAA_ERROR"));
        long started = cfn.clock().millis();

        List<JsonNode> steps = cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("CAA_ERROR", "0 issue \"amazon.com\"");
        assertThat(answer.physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
        assertThat(steps).as("the first look in the loop decides").hasSize(1);
        assertThat(cfn.clock().millis() - started).as("long before the deadline").isLessThan(60_000);
    }

    @Test
    void route53StillBusyWithAPriorChangeBeyondTheSdksRetriesWritesTheRecordsFromTheWaitLoop() {
        // PriorRequestNotComplete is no throttling to the SDK (HTTP 400, a "retryable" code): after its six attempts
        // the handler must wait in the loop, not answer FAILED.
        cfn.proxy().next(6, "ChangeResourceRecordSets").throttle("PriorRequestNotComplete");
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).as("the handler waits instead of answering FAILED").isEqualTo(Handled.WAITING);
        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("exactly one certificate").containsExactly(answer.physicalResourceId());
        assertThat(validationRecords()).as("the records were written from the loop").hasSize(2);
    }

    @Test
    void aCreateDeliveredAfterItsDeadlineAnswersFailedAtOnceAndCreatesNothing() {
        // CloudFormation signed the ResponseURL (X-Amz-Date) when it sent the request; Lambda's asynchronous retries
        // delivered it 31 minutes later, past the deadline of its ServiceTimeout of 1800 s.
        ObjectNode event = cfn.event("create.json");
        cfn.clock().advance(Duration.ofMinutes(31));

        assertThat(cfn.deliver(event)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("arrived 1860 s after CloudFormation sent it", "Nothing was done");
        assertThat(answer.physicalResourceId()).as("rule 1: nothing created, so nothing for the rollback")
            .startsWith("not-created:");
        assertThat(cfn.proxy().calls()).as("no AWS call at all").isEmpty();
        assertThat(cfn.log()).as("the ResponseURL's signature never reaches the log")
            .doesNotContain(ResponseSink.SIGNATURE);
    }

    @Test
    void theDeadlineCountsFromWhenCloudFormationSentTheRequestNotFromWhenTheHandlerStarted() {
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        ObjectNode event = cfn.event("create.json");
        long sent = cfn.clock().millis();
        cfn.clock().advance(Duration.ofMinutes(20));

        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);

        JsonNode state = cfn.waitLoop().input(ExecutionNames.of(ca.archivium.dnscert.cfn.CfnRequest.parse(event)));
        assertThat(state.path("deadlineEpochMs").asLong()).as("ServiceTimeout 1800 s after sending, less 60 s")
            .isEqualTo(sent + 1_740_000);
    }

    @Test
    void aCreateThrottledBeforeAnythingExistsIsHandedToTheWaitLoopInsteadOfFailing() {
        // More throttles than the SDK's six attempts: the handler itself cannot get through.
        cfn.proxy().next(6, "ListHostedZonesByName").throttle();
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).as("the handler waits instead of answering FAILED").isEqualTo(Handled.WAITING);
        assertThat(cfn.certificateArns()).as("nothing requested while throttled").isEmpty();
        List<JsonNode> steps = cfn.runWaitLoopFor(event);

        assertThat(steps.get(0).path("phase").asText()).as("the first look provisions").isIn("AWAIT_ISSUANCE", "PROVISION");
        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("exactly one certificate").hasSize(1);
        assertThat(cfn.onlyResponse().physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
    }

    @Test
    void recordsAcmGivesAfterTheHandlersPollAreWrittenByTheWaitLoop() {
        // ACM's own delays at AWS's magnitude: the certificate is not found for 3 s, its records come at 4.5 to 6 s,
        // after the 4 s the handler asks for them.
        cfn.conformance().timing(ConformanceTiming.AWS);
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).as("the handler hands over to the wait loop").isEqualTo(Handled.WAITING);
        String name = cfn.waitLoop().executionNames().get(0);
        assertThat(cfn.waitLoop().input(name).path("phase").asText()).as("the records are the loop's to write")
            .isEqualTo("WRITE_RECORDS");
        assertThat(validationRecords()).as("no record before ACM gave them").isEmpty();
        cfn.runWaitLoopFor(event);

        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("the certificate the handler requested, not a second one").hasSize(1);
        assertThat(validationRecords()).as("both names' records, written by the loop").hasSize(2);
    }

    @Test
    void aCreateThrottledAfterItsCertificateWasRequestedWritesTheRecordsFromTheWaitLoop() {
        cfn.proxy().next(6, "ChangeResourceRecordSets").throttle();
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        String name = cfn.waitLoop().executionNames().get(0);
        assertThat(cfn.waitLoop().input(name).path("phase").asText()).isEqualTo("WRITE_RECORDS");
        cfn.runWaitLoopFor(event);

        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("the certificate requested by the handler, not a second one").hasSize(1);
        assertThat(validationRecords()).as("the records were written by the loop").hasSize(2);
    }

    @Test
    void theWaitLoopLogsEachPhaseTransitionAndEmitsIssuanceMetrics() throws Exception {
        ObjectNode event = cfn.event("create.json");
        cfn.deliver(event);
        cfn.proxy().next(1, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        cfn.runWaitLoopFor(event);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : cfn.log().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).as("one line for the move from AWAIT_ISSUANCE to DONE, with the request's context")
            .filteredOn(l -> "phase transition".equals(l.path("message").asText()))
            .singleElement()
            .satisfies(l -> {
                assertThat(l.path("from").asText()).isEqualTo("AWAIT_ISSUANCE");
                assertThat(l.path("to").asText()).isEqualTo("DONE");
                assertThat(l.path("cloudFormationRequestId").asText()).isEqualTo(event.path("RequestId").asText());
                assertThat(l.path("certificateArn").asText()).startsWith("arn:aws:acm:");
            });
        assertThat(lines).as("CloudWatch Embedded Metric Format lines")
            .filteredOn(l -> l.has("_aws"))
            .extracting(l -> l.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0).path("Name").asText())
            .contains("NamesPending", "TimeToIssue");
        assertThat(lines).as("the answer's lines, Respond's and the responder's, name the request and the resource")
            .filteredOn(l -> List.of("answered CloudFormation", "Response delivered").contains(l.path("message").asText()))
            .hasSize(2)
            .allSatisfy(l -> {
                assertThat(l.path("cloudFormationRequestId").asText()).isEqualTo(event.path("RequestId").asText());
                assertThat(l.path("logicalId").asText()).isEqualTo(event.path("LogicalResourceId").asText());
            });
        assertThat(cfn.log()).as("nothing unknown is logged as the word null").doesNotContain(":\"null\"");
    }

    @Test
    void rule9_theWaitLoopsStateCarriesTheResponseUrlOnlySealed() {
        cfn.proxy().next(1, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        String name = cfn.waitLoop().executionNames().get(0);
        String carried = cfn.waitLoop().input(name).path("request").path("ResponseURL").asText();
        assertThat(cfn.waitLoop().input(name).toString())
            .as("the execution input (visible in its history) holds neither the URL nor its signature")
            .doesNotContain(ResponseSink.SIGNATURE).doesNotContain(event.path("ResponseURL").asText());
        assertThat(carried).as("the URL travels as KMS ciphertext").startsWith("kms:");

        cfn.runWaitLoopFor(event);
        assertThat(cfn.onlyResponse().status()).as("the Respond step opened the sealed URL and answered").isEqualTo("SUCCESS");
    }

    @Test
    void aSealedResponseUrlDoesNotOpenForAnotherRequest() {
        cfn.proxy().next(1, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        ObjectNode event = cfn.event("create.json");
        cfn.deliver(event);
        String name = cfn.waitLoop().executionNames().get(0);
        ObjectNode state = (ObjectNode) cfn.waitLoop().input(name).deepCopy();
        ((ObjectNode) state.path("request")).put("RequestId", "another-request");
        state.put("outcome", "DONE");

        assertThatThrownBy(() -> cfn.lifecycle().respond().respond(state))
            .as("the ciphertext is bound to its request by the KMS encryption context")
            .hasMessageContaining("Decrypt failed");
        assertThat(cfn.sink().received()).as("nothing was sent").isEmpty();
    }

    @Test
    void createWithoutWaitForIssuanceAnswersAtOnceWithTheRecordsInRoute53() {
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("WaitForIssuance", "false");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.ANSWERED);

        assertThat(cfn.waitLoop().executionNames()).as("no wait loop").isEmpty();
        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
        assertThat(answer.data().path("Status").asText()).isEqualTo("PENDING_VALIDATION");
        List<ResourceRecordSet> records = validationRecords();
        assertThat(records).as("the validation records are in place before the answer").hasSize(2);
        assertThat(records).extracting(r -> r.name().toLowerCase())
            .anyMatch(name -> name.endsWith(".www.example.com."))
            .anyMatch(name -> name.matches("_[^.]+\\.example\\.com\\."));
    }

    @Test
    void createThatFailsAfterRequestingAnswersFailedWithTheArnAndItsRollbackDeleteLeavesNothing() {
        cfn.proxy().every("ChangeResourceRecordSets").reply(request -> ProxyReply.awsError(request.call(), 400,
            "Sender", "InvalidChangeBatch", "Injected: the zone refuses every change"));
        ObjectNode create = cfn.event("create.json");

        assertThat(cfn.deliver(create)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received failed = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.physicalResourceId()).as("the rollback Delete must know the certificate").isEqualTo(arn);
        assertThat(failed.reason()).contains("ChangeResourceRecordSets").contains("InvalidChangeBatch");

        cfn.proxy().clearFaults();
        ObjectNode rollback = cfn.event("delete.json").put("PhysicalResourceId", arn);
        assertThat(cfn.deliver(rollback)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received deleted = cfn.onlyResponseTo(rollback.path("RequestId").asText());
        assertThat(deleted.status()).as("reason: %s", deleted.reason()).isEqualTo("SUCCESS");
        assertThat(deleted.physicalResourceId()).isEqualTo(arn);
        assertThat(cfn.certificateArns()).as("nothing orphaned after the rollback").isEmpty();
    }

    @Test
    void deadlineAnswersFailedBeforeServiceTimeoutListingPendingNamesRecordsZonesAndDelegation() {
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("ServiceTimeout", "300");
        long received = cfn.clock().millis();

        cfn.deliver(event);
        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).as("the rollback Delete removes the certificate").isEqualTo(arn);
        assertThat(cfn.clock().millis() - received).as("answered before CloudFormation's ServiceTimeout (300 s)")
            .isLessThan(300_000);
        String record = validationRecords().get(0).name().replaceAll("\\.$", "").toLowerCase();
        assertThat(answer.reason()).as("the reason says what is pending and what to check")
            .contains("www.example.com", "example.com", record, cfn.zone().id(), "NS", "ServiceTimeout");
        assertThat(cfn.log().lines().filter(l -> l.contains("\"message\":\"phase transition\""))
            .filter(l -> l.contains("\"to\":\"FAILED\"")))
            .as("the log names the kind of FAILED answer, as README's table does")
            .singleElement().asString().contains("\"failure\":\"NOT_VALIDATED_IN_TIME\"");
    }

    @Test
    void replayedRequestGivesOneCertificateAndOneResponse() {
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        assertThat(cfn.deliver(event)).as("the same delivery again (a Lambda retry)").isEqualTo(Handled.ALREADY_HANDLED);
        cfn.runWaitLoopFor(event);

        assertThat(cfn.proxy().calls("RequestCertificate")).as("each delivery asks ACM").isEqualTo(2);
        assertThat(cfn.certificateArns()).as("the same IdempotencyToken gives the same certificate back").hasSize(1);
        assertThat(cfn.onlyResponse().status()).isEqualTo("SUCCESS");
    }

    private List<ResourceRecordSet> validationRecords() {
        try (var route53 = cfn.route53()) {
            return route53.records(cfn.zone().id()).stream().filter(r -> r.type() == RRType.CNAME).toList();
        }
    }
}
