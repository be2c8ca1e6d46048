package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

@IntegrationTest
class MotoServerTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);
    @RegisterExtension
    static final Emulators ALSO_ISSUED_AT_ONCE = Emulators.moto(0);
    @RegisterExtension
    static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);

    @Test
    void oneSharedServerPerValidationWait() {
        assertThat(ISSUED_AT_ONCE.moto()).as("same wait, same server").isSameAs(ALSO_ISSUED_AT_ONCE.moto());
        assertThat(PENDING_FOR_AN_HOUR.moto().endpoint()).as("another wait needs another server")
                .isNotEqualTo(ISSUED_AT_ONCE.moto().endpoint());
    }

    @Test
    void validationWaitDecidesWhenCertificatesAreIssued() {
        assertThat(statusOfNewCertificate(ISSUED_AT_ONCE.moto()))
                .as("with no wait, the first describe finds the certificate issued")
                .isEqualTo(CertificateStatus.ISSUED);
        assertThat(statusOfNewCertificate(PENDING_FOR_AN_HOUR.moto()))
                .as("with an hour's wait, the certificate is still pending")
                .isEqualTo(CertificateStatus.PENDING_VALIDATION);
    }

    @Test
    void resetWipesState() {
        MotoServer moto = ISSUED_AT_ONCE.moto();
        AwsTestEnvironment aws = new AwsTestEnvironment(moto.endpoint());
        try (Route53Fixtures route53 = aws.route53Fixtures()) {
            route53.createPublicZone("reset.example.com");

            moto.reset();

            assertThat(route53.zones()).as("zones after reset").isEmpty();
        }
    }

    @Test
    void closedServerLeavesNoProcessBehind() {
        MotoServer moto = MotoServer.start(0);
        long pid = moto.pid();

        moto.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("moto_server process %d after close", pid)
                .isEmpty();
    }

    @Test
    void findsTheMotoServerBinary() {
        assertThat(Files.isExecutable(MotoServer.locateBinary())).isTrue();
    }

    /** Asks moto itself, past the conformance layer: the validation wait is moto's. */
    private static CertificateStatus statusOfNewCertificate(MotoServer moto) {
        try (AcmClient acm = new AwsTestEnvironment(moto.rawEndpoint()).acm()) {
            String arn = acm.requestCertificate(request -> request.domainName("status.example.com")
                    .validationMethod(ValidationMethod.DNS)).certificateArn();
            return acm.describeCertificate(request -> request.certificateArn(arn)).certificate().status();
        }
    }
}
