package ca.archivium.dnscert.statemachine;

import ca.archivium.dnscert.testing.MotoServer;
import ca.archivium.dnscert.testing.conformance.ServiceModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The errors Lambda's Invoke API can answer, read from Lambda's own service model (botocore's
 * {@code data/lambda/<version>/service-2.json.gz}, found as {@link ServiceModels} finds the other services' models),
 * each sorted into how the wait loop treats it, and the few names Step Functions reports that are not in that model.
 *
 * <p>A Task that invokes a Lambda function fails with {@code Lambda.<exception>} when the Lambda service refuses the
 * invocation (Step Functions developer guide, "Handle Lambda service exceptions"). Transient means the condition
 * clears without anyone changing the function, its configuration or the request: the service says to wait or try
 * again, throttles, or failed internally. Everything else needs a change and is answered FAILED at once.
 */
final class LambdaInvokeErrors {

    /** How the wait loop's Tasks treat an error. */
    enum Handling {
        /** The version is being made ready: retried long enough for Lambda to make it Active again. */
        NOT_READY,
        /** Throttling or a fault of the service: retried briefly, with jitter. */
        TRANSIENT,
        /** Needs a change to the function, its configuration or the request: not retried. */
        PERMANENT
    }

    /** One error's handling and the reason for it, from the model's documentation or another source. */
    record Classified(Handling handling, String why) {
    }

    private static Classified notReady(String why) {
        return new Classified(Handling.NOT_READY, why);
    }

    private static Classified transientError(String why) {
        return new Classified(Handling.TRANSIENT, why);
    }

    private static Classified permanent(String why) {
        return new Classified(Handling.PERMANENT, why);
    }

    /** Every error the model lists for Invoke, by exception name. */
    static final Map<String, Classified> MODELLED = Map.ofEntries(
            Map.entry("SnapStartNotReadyException", notReady("409: the SnapStart version is Inactive (14 days without"
                    + " an invocation); wait until it is Active and invoke again (SnapStart troubleshooting)")),
            Map.entry("ResourceNotReadyException", notReady("502: the function is inactive and its VPC connection"
                    + " is being re-established; wait and try again (model)")),
            Map.entry("ResourceConflictException", notReady("409: another operation is in progress; for Invoke, the"
                    + " function is Pending while Lambda prepares it (Lambda function states)")),
            Map.entry("ServiceException", transientError("500: the Lambda service's internal error")),
            Map.entry("TooManyRequestsException", transientError("429: throttled (concurrency or request rate)")),
            Map.entry("SnapStartTimeoutException", transientError("408: the snapshot was not restored in time;"
                    + " network and credential problems at restore cause it too (SnapStart troubleshooting)")),
            Map.entry("EC2ThrottledException", transientError("502: EC2 throttled Lambda while it set the function up")),
            Map.entry("EC2UnexpectedException", permanent("502: an unexpected EC2 error setting up a VPC function;"
                    + " these functions are in no VPC, so it points at configuration")),
            Map.entry("EC2AccessDeniedException", permanent("502: the role lacks VPC permissions")),
            Map.entry("ENILimitReachedException", permanent("502: the account's network interface quota")),
            Map.entry("SubnetIPAddressLimitReachedException", permanent("502: the subnets have no free address")),
            Map.entry("InvalidSubnetIDException", permanent("502: configuration")),
            Map.entry("InvalidSecurityGroupIDException", permanent("502: configuration")),
            Map.entry("InvalidRuntimeException", permanent("502: the runtime is not supported")),
            Map.entry("InvalidZipFileException", permanent("502: the deployment package cannot be unzipped")),
            Map.entry("KMSAccessDeniedException", permanent("502: the environment's key may not be used")),
            Map.entry("KMSDisabledException", permanent("502: the environment's key is disabled")),
            Map.entry("KMSInvalidStateException", permanent("502: the environment's key is in an unusable state")),
            Map.entry("KMSNotFoundException", permanent("502: the environment's key is gone")),
            Map.entry("EFSIOException", permanent("410: these functions mount no file system")),
            Map.entry("EFSMountConnectivityException", permanent("408: these functions mount no file system")),
            Map.entry("EFSMountFailureException", permanent("403: these functions mount no file system")),
            Map.entry("EFSMountTimeoutException", permanent("408: these functions mount no file system")),
            Map.entry("S3FilesMountConnectivityException", permanent("408: these functions mount no file system")),
            Map.entry("S3FilesMountFailureException", permanent("403: these functions mount no file system")),
            Map.entry("S3FilesMountTimeoutException", permanent("408: these functions mount no file system")),
            Map.entry("SnapStartException", permanent("400: an afterRestore hook failed: a bug in the function")),
            Map.entry("InvalidParameterValueException", permanent("400: the request is wrong")),
            Map.entry("InvalidRequestContentException", permanent("400: the request is wrong")),
            Map.entry("RequestTooLargeException", permanent("413: the payload is too large")),
            Map.entry("SerializedRequestEntityTooLargeException", permanent("413: the payload is too large")),
            Map.entry("UnsupportedMediaTypeException", permanent("415: the request is wrong")),
            Map.entry("ResourceNotFoundException", permanent("404: the function or alias is gone")),
            Map.entry("NoPublishedVersionException", permanent("400: the function has no published version")),
            Map.entry("RecursiveInvocationException", permanent("400: Lambda stopped a recursive loop")),
            Map.entry("DurableExecutionAlreadyStartedException", permanent("409: durable functions only")));

    /**
     * Names Step Functions reports for a Lambda Task that are not exceptions of the model: the SDK's client-side
     * errors and its catch-all for error codes it does not know, which Step Functions' own best-practice Retry names
     * ("Handle Lambda service exceptions"), and the code Lambda answers for a function it is still provisioning after
     * it went Inactive (aws/aws-cdk#20123 and boto/boto3#3788 saw it from Invoke; Step Functions users saw it as a
     * Task error in keithrozario/Klayers#210).
     */
    static final Map<String, Classified> BEYOND_THE_MODEL = Map.of(
            "ClientExecutionTimeoutException", transientError("the SDK gave up waiting for an answer"),
            "SdkClientException", transientError("the SDK could not reach Lambda"),
            "AWSLambdaException", transientError("the SDK's name for an error code it does not model"),
            "CodeArtifactUserPendingException", notReady("Lambda is initializing the function after it went"
                    + " Inactive; it will be ready to invoke shortly"));

    private static final String PREFIX = "Lambda.";

    private LambdaInvokeErrors() {
    }

    /** The ErrorEquals names of one handling, as Step Functions reports them: model and beyond. */
    static Set<String> stepFunctionsNames(Handling handling) {
        return Stream.concat(MODELLED.entrySet().stream(), BEYOND_THE_MODEL.entrySet().stream())
                .filter(e -> e.getValue().handling() == handling)
                .map(e -> PREFIX + e.getKey())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every name the Tasks retry. */
    static List<String> retried() {
        List<String> names = new ArrayList<>(stepFunctionsNames(Handling.NOT_READY));
        names.addAll(stepFunctionsNames(Handling.TRANSIENT));
        return names;
    }

    /** The Invoke operation's errors in Lambda's service model: exception name to HTTP status. */
    static Map<String, Integer> invokeErrorsOfTheModel() {
        JsonNode model = ServiceModels.readJson(Models.LAMBDA, "service-2.json");
        Map<String, Integer> errors = new TreeMap<>();
        for (JsonNode error : model.path("operations").path("Invoke").path("errors")) {
            String shape = error.path("shape").asText();
            errors.put(shape, model.path("shapes").path(shape).path("error").path("httpStatusCode").asInt());
        }
        if (errors.isEmpty()) {
            throw new IllegalStateException(serviceModel() + " lists no errors for Invoke");
        }
        return errors;
    }

    /** The HTTP status the model gives one Invoke error. */
    static int httpStatusOf(String exception) {
        Integer status = invokeErrorsOfTheModel().get(exception);
        if (status == null) {
            throw new IllegalArgumentException(exception + " is not an Invoke error of " + serviceModel());
        }
        return status;
    }

    /**
     * How long AWS's own tools wait for a function to become Active: the model's {@code FunctionActiveV2} waiter
     * (delay times attempts), which the CDK custom-resource provider also waits for an Inactive function.
     */
    static int functionActiveWaiterSeconds() {
        JsonNode waiter = ServiceModels.readJson(Models.LAMBDA, "waiters-2.json").path("waiters").path("FunctionActiveV2");
        if (!waiter.path("delay").isInt() || !waiter.path("maxAttempts").isInt()) {
            throw new IllegalStateException(Models.LAMBDA + "/waiters-2.json has no FunctionActiveV2 waiter with a delay"
                    + " and maxAttempts");
        }
        return waiter.path("delay").asInt() * waiter.path("maxAttempts").asInt();
    }

    /** The folder of botocore's newest Lambda models, from the botocore the conformance layer reads. */
    private static final class Models {
        static final Path LAMBDA = ServiceModels.newestVersion(
                ServiceModels.botocoreDataOf(MotoServer.locateBinary()), "lambda");
    }

    /** botocore's newest Lambda service model, of the Python that runs moto_server. */
    static Path serviceModel() {
        return Models.LAMBDA.resolve("service-2.json.gz");
    }
}
