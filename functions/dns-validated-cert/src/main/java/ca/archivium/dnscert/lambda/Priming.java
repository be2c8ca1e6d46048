package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.aws.ClientTiming;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.ResponseBody;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.Route53Gateway;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.waitloop.StepStates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;

/**
 * SnapStart priming. Just before Lambda takes the snapshot: builds every SDK client this function may use, loads the
 * CA certificates and the TLS context, parses a sample CloudFormation event and wait-loop step document, and runs one
 * call of each kind the functions make (ACM, Route 53, STS, Step Functions, KMS) through the SDK against recorded
 * answers in this process ({@link CannedAwsAnswers}), so that a restored environment starts with the request path's
 * classes loaded and initialised. It never calls AWS and never resolves the function's credentials.
 *
 * <p>After each restore it re-seeds the functions' random numbers: a snapshot is shared by every environment
 * restored from it, and so is any generator state made before it.
 *
 * <p>Without a CRaC runtime (the command line, tests, a function without SnapStart) {@link #register} only keeps the
 * instance, and nothing runs.
 */
final class Priming implements Resource {
    /**
     * The CRaC context holds its resources weakly, so something must keep them: these live as long as the
     * container, as the clients they warm do.
     */
    private static final Set<Priming> REGISTERED = ConcurrentHashMap.newKeySet();
    private static final String SAMPLE_ARN =
        "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-4000-8000-000000000000";

    private final ServiceClients clients;
    private final RestorableRandom random;

    Priming(ServiceClients clients, RestorableRandom random) {
        this.clients = clients;
        this.random = random;
    }

    /** Registers this priming with the global CRaC context. */
    void register() {
        REGISTERED.add(this);
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        clients.acm(clients.homeRegion());
        clients.route53();
        clients.sts();
        clients.sfn();
        clients.kms();
        clients.loadTrustedCertificates();
        SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites();
        CfnRequest event = CfnRequest.parse(sample("priming-event.json"));
        PropertyParser.parse(event.resourceProperties());
        StepStates.toJson(StepStates.fromJson(JsonTrees.read(sample("priming-step.json"))));
        ResponseBody.toJsonBytes(CfnResponse.failed(event.replyAddress(), SAMPLE_ARN, "priming"));
        callEachServiceInProcess();
    }

    /** The SDK's request path, protocol by protocol, answered in this process with recorded answers. */
    private void callEachServiceInProcess() {
        try (ServiceClients inProcess = new ServiceClients(clients.homeRegion(), new CannedAwsAnswers(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGEXAMPLE", "priming")),
            ClientTiming.standard())) {
            new AcmGateway(inProcess.acm(clients.homeRegion())).describe(SAMPLE_ARN);
            new Route53Gateway(inProcess.route53()).zonesNamed("priming.example");
            inProcess.sts().assumeRole(b -> b.roleArn("arn:aws:iam::000000000000:role/priming").roleSessionName("priming"));
            inProcess.sfn().startExecution(b -> b.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:priming")
                .name("priming").input("{}"));
            inProcess.kms().encrypt(b -> b.keyId("alias/priming").plaintext(SdkBytes.fromUtf8String("priming"))
                .encryptionContext(Map.of("stack", "priming")));
            inProcess.kms().decrypt(b -> b.ciphertextBlob(SdkBytes.fromUtf8String("priming"))
                .encryptionContext(Map.of("stack", "priming")));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        random.reseed();
    }

    private static byte[] sample(String name) {
        try (InputStream in = Priming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
