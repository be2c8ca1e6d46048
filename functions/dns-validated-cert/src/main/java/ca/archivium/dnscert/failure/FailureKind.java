package ca.archivium.dnscert.failure;

/**
 * Every kind of FAILED answer the resource gives: a closed set. Each kind's text is made in one place,
 * {@link Failure}, and README.md's "What a FAILED reason means" has one row per kind ({@code FailureKindTest}).
 */
public enum FailureKind {
    /** A property cannot be accepted (the parser's message names it); nothing was created or changed. */
    INVALID_PROPERTY,
    /** Lambda delivered the request after its deadline (or as its ResponseURL expired); nothing was done. */
    ARRIVED_TOO_LATE,
    /** A name has no usable public hosted zone; nothing was created. */
    NO_HOSTED_ZONE,
    /** The DNS checks before the request proved the certificate could never be validated; nothing was created. */
    DNS_PREFLIGHT,
    /** While waiting, public DNS showed for ValidationProblemTimeout that ACM cannot validate a name. */
    VALIDATION_BLOCKED,
    /** The deadline passed while ACM still had names to validate. */
    NOT_VALIDATED_IN_TIME,
    /** ACM failed the certificate, or it reached a status it is never issued from. */
    CERTIFICATE_FAILED,
    /** ACM did not give every validation record before the deadline. */
    RECORDS_NOT_GIVEN,
    /** The certificate was deleted while the resource waited for it. */
    CERTIFICATE_DELETED,
    /** An AWS call failed beyond the SDK's retries (and, for a failure that passes, beyond the deadline). */
    AWS_CALL_FAILED,
    /** A Delete that ACM kept refusing until the deadline: the certificate is still attached to something. */
    STILL_IN_USE,
    /** The wait loop could not be started. */
    WAIT_NOT_STARTED,
    /** A bug, a step that failed in a way it could not report itself, or a step document it cannot read. */
    INTERNAL_ERROR,
    /** The event is not a valid CloudFormation request. */
    MALFORMED_REQUEST,
    /** Lambda gave up handing the request to the resource handler (the on-failure destination answers). */
    NOT_HANDLED
}
