package ca.archivium.dnscert.failure;

import java.time.Instant;
import java.util.List;

/**
 * A FAILED answer's kind and its reason, the text CloudFormation shows in the stack event: what went wrong and what
 * to do about it. Every reason the resource gives is made here, by the factory of its {@link FailureKind}; the
 * details inside (a property's problem, a hosted zone's, an AWS error message, ACM's advice for a failure code) come
 * from where they are found. Pure.
 *
 * @param reason the whole text, without what became of the certificate (a Create's rollback, an Update's replacement:
 *               {@link #rollbackDeletesTheCertificate} and the {@code replacement…} sentences, added by the answer)
 */
public record Failure(FailureKind kind, String reason) {
    /** What to check when ACM does not validate in time, whoever was waiting (the resource, the command line). */
    public static final String WHEN_VALIDATION_STALLS = "Check that each hosted zone is the one the domain is "
        + "delegated to (its NS records at the parent match the zone's name servers) and that no CAA record forbids "
        + "amazon.com.";
    /**
     * What an AccessDenied from AssumeRole can mean. STS gives the same answer ("… is not authorized to perform:
     * sts:AssumeRole on resource: …") whether the role is missing, does not trust the caller, wants another external
     * id, or the caller's own policy does not allow the call (AWS Knowledge Center, "iam-assume-role-error"), so the
     * advice names every cause.
     */
    public static final String ASSUME_ROLE_DENIED = "STS refuses a role alike when it does not exist, when its trust "
        + "policy does not name this function's role (the stack's ResourceHandlerRoleArn, ReconcileRoleArn and "
        + "RenewalGuardianRoleArn outputs), when the external id is not the one the trust policy asks for "
        + "(HostedZoneRoleExternalId), and when the role is missing from the stack's DnsRoleArns parameter";
    private static final String NOTHING_CREATED = ". Nothing was created.";

    /** A property that cannot be accepted in a Create (or a Delete's look-up): {@code detail} names it. */
    public static Failure invalidProperty(String detail) {
        return new Failure(FailureKind.INVALID_PROPERTY, detail + NOTHING_CREATED);
    }

    /** A property that cannot be accepted in an Update: the resource keeps what it had. */
    public static Failure invalidUpdate(String detail) {
        return new Failure(FailureKind.INVALID_PROPERTY, detail + ". Nothing was changed.");
    }

    /** The request reached the handler after its deadline: it was sent at {@code sent}, {@code lateSeconds} ago. */
    public static Failure arrivedAfterDeadline(long lateSeconds, Instant sent, long serviceTimeoutSeconds) {
        return new Failure(FailureKind.ARRIVED_TOO_LATE, "The request arrived " + lateSeconds + " s after "
            + "CloudFormation sent it (at " + sent + ", when its ResponseURL was signed), past the resource's deadline "
            + "(ServiceTimeout " + serviceTimeoutSeconds + " s, less a margin to answer in): Lambda delivered it late, "
            + "retrying an earlier invocation. Nothing was done; deploy again");
    }

    /** The request reached the handler as its ResponseURL, which gives only its end, was about to expire. */
    public static Failure arrivedAsUrlExpired(Instant expires) {
        return new Failure(FailureKind.ARRIVED_TOO_LATE, "The request arrived as its ResponseURL expired (at "
            + expires + "): Lambda delivered it late, retrying an earlier invocation. Nothing was done; deploy again");
    }

    /** @param problems one sentence per name without a usable zone */
    public static Failure noHostedZone(String problems) {
        return new Failure(FailureKind.NO_HOSTED_ZONE, "No usable hosted zone: " + problems + NOTHING_CREATED);
    }

    /** The exception message of a pre-flight that proved problems; {@link #dnsPreflight} is its answer. */
    public static String dnsPreflightProblems(List<String> problems) {
        return "DnsPreflight: " + String.join("; ", problems)
            + " (DnsPreflight: WARN would request the certificate anyway, and wait until ServiceTimeout)";
    }

    /** @param message {@link #dnsPreflightProblems}'s text */
    public static Failure dnsPreflight(String message) {
        return new Failure(FailureKind.DNS_PREFLIGHT, message + NOTHING_CREATED);
    }

    /**
     * The DNS checks proved, for ValidationProblemTimeout, that pending names cannot be validated.
     *
     * @param explanations one per zone whose delegation is wrong, one per other name: cause, zone, what public DNS
     *                     says and the fix
     */
    public static Failure validationBlocked(List<String> explanations, long provenForSeconds) {
        return new Failure(FailureKind.VALIDATION_BLOCKED, "ACM cannot validate the certificate, as public DNS has "
            + "shown for " + provenForSeconds + " s (ValidationProblemTimeout): " + String.join("; ", explanations)
            + ". DnsPreflight: WARN would wait until ServiceTimeout instead.");
    }

    /** @param pending the names still pending, each with its record and zone */
    public static Failure notValidatedInTime(long waitedSeconds, String pending) {
        return new Failure(FailureKind.NOT_VALIDATED_IN_TIME, "ACM had not validated the certificate after "
            + waitedSeconds + " s (ServiceTimeout). Still pending: " + pending + ". " + WHEN_VALIDATION_STALLS
            + " Raise ServiceTimeout if validation is just slow.");
    }

    /** ACM's status FAILED, with its FailureReason code (or null) and what the code means. */
    public static Failure notIssued(String failureReason, String advice) {
        return new Failure(FailureKind.CERTIFICATE_FAILED, "ACM could not issue the certificate"
            + failureDetail(failureReason, advice));
    }

    /** Still PENDING_VALIDATION, but ACM failed the validation of {@code names}. */
    public static Failure namesNotValidated(List<String> names, String failureReason, String advice) {
        return new Failure(FailureKind.CERTIFICATE_FAILED, "ACM failed to validate " + names
            + failureDetail(failureReason, advice));
    }

    /** ACM's status VALIDATION_TIMED_OUT. */
    public static Failure validationTimedOut() {
        return new Failure(FailureKind.CERTIFICATE_FAILED, "ACM stopped waiting for validation (VALIDATION_TIMED_OUT "
            + "after 72 hours); the validation records were never visible in public DNS: check the NS delegation of "
            + "each hosted zone");
    }

    /** Any other status a certificate is never issued from (INACTIVE, EXPIRED, REVOKED, a new one). */
    public static Failure cannotBeIssued(String status) {
        return new Failure(FailureKind.CERTIFICATE_FAILED, "The certificate is " + status
            + " and can no longer be issued");
    }

    public static Failure recordsNotGiven(String arn) {
        return new Failure(FailureKind.RECORDS_NOT_GIVEN, "ACM did not provide the validation records of " + arn
            + " before the deadline; try the deployment again");
    }

    public static Failure deletedWhileWaiting(String arn) {
        return new Failure(FailureKind.CERTIFICATE_DELETED, "The certificate " + arn
            + " was deleted while waiting for it to be issued");
    }

    /**
     * The message of an {@link AwsCallException}, which is the reason when it fails a request: it starts with the
     * operation ("RequestCertificate failed: LimitExceededException: …"), since users see only the message.
     */
    public static String awsCallMessage(String operation, String errorCode, String detail) {
        return operation + " failed: " + (errorCode == null ? "" : errorCode + ": ") + detail;
    }

    public static Failure awsCallFailed(AwsCallException e) {
        return new Failure(FailureKind.AWS_CALL_FAILED, e.getMessage());
    }

    /** An exception nothing expected at that point: an AWS call's failure, else a bug. */
    public static Failure unforeseen(RuntimeException e) {
        return e instanceof AwsCallException call ? awsCallFailed(call) : errorWhileHandling(String.valueOf(e.getMessage()));
    }

    public static Failure stillInUse(String arn, List<String> inUseBy) {
        return new Failure(FailureKind.STILL_IN_USE, "The certificate " + arn + " is still in use by " + inUseBy
            + "; detach it from these resources (or delete them first), then delete the stack again");
    }

    public static Failure waitNotStarted(String problem) {
        return new Failure(FailureKind.WAIT_NOT_STARTED, "Could not start waiting for the certificate: " + problem);
    }

    /** A wait-loop step failed and the state machine's Catch answers: {@code cause} is its error. */
    public static Failure errorWhileWaiting(String cause) {
        return new Failure(FailureKind.INTERNAL_ERROR, "Internal error while waiting: " + cause);
    }

    /** A handler failed in a way it did not foresee (a bug). */
    public static Failure errorWhileHandling(String message) {
        return new Failure(FailureKind.INTERNAL_ERROR, "Internal error while handling the request: " + message);
    }

    /** The wait loop's document cannot be read, but still carries the request. */
    public static Failure unreadableStep(String problem) {
        return new Failure(FailureKind.INTERNAL_ERROR, "Internal error while waiting: the wait loop's step document "
            + "is incomplete (" + problem + ")");
    }

    /** The wait loop ended with a document that is neither DONE nor FAILED with a reason. */
    public static Failure unexpectedStep(String outcome) {
        return new Failure(FailureKind.INTERNAL_ERROR, "Internal error while waiting: the wait loop stopped with an "
            + "unexpected step (" + outcome + ")");
    }

    public static Failure malformedRequest(String problem) {
        return new Failure(FailureKind.MALFORMED_REQUEST, "Malformed request: " + problem);
    }

    /**
     * Lambda's record of an event it gave up on.
     *
     * @param why       why Lambda gave up, in words
     * @param lastError the function's last error ({@code errorType: errorMessage}), or null when it never ran
     */
    public static Failure notHandled(String why, int attempts, String lastError) {
        return new Failure(FailureKind.NOT_HANDLED, "The resource handler could not handle this request: " + why
            + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + ")"
            + (lastError == null ? "" : "; last error: " + lastError)
            + ". Deploy again; the resource handler's log shows each attempt.");
    }

    /** What a failed Create that holds a certificate it requested adds: its ARN is the physical id. */
    public static String rollbackDeletesTheCertificate() {
        return "The certificate was requested; CloudFormation's rollback will delete it.";
    }

    /** What a failed Update adds about the certificate it had requested: deleted again. */
    public static String replacementDeleted(String arn) {
        return "The new certificate " + arn + " was deleted again.";
    }

    /** … left in place, as someone else holds it. */
    public static String replacementLeftInPlace(String arn, String detail) {
        return "The certificate " + arn + " was left in place: " + detail + ".";
    }

    /** … still attached to a resource. */
    public static String replacementInUse(String arn, String detail) {
        return "The new certificate " + arn + " could not be deleted: " + detail + ".";
    }

    /** … not deleted, as the release itself failed. */
    public static String replacementNotReleased(String arn, String problem) {
        return "The new certificate " + arn + " could not be deleted (" + problem + "); delete it by hand.";
    }

    /** This failure with {@code sentence} (what became of the certificate) after its reason. */
    public Failure followedBy(String sentence) {
        return new Failure(kind, reason + (reason.endsWith(".") ? " " : ". ") + sentence);
    }

    private static String failureDetail(String failureReason, String advice) {
        return failureReason == null ? "" : ": " + failureReason + " (" + advice + ")";
    }
}
