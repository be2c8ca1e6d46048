package ca.archivium.dnscert.api;

import ca.archivium.dnscert.failure.Failure;
import java.util.List;

/**
 * The DNS checks before RequestCertificate proved that the certificate could never be validated (DnsPreflight:
 * FAIL); nothing has been created.
 */
public final class DnsPreflightException extends RuntimeException {

    /** @param problems one entry per zone or name, each with its fix */
    public DnsPreflightException(List<String> problems) {
        super(Failure.dnsPreflightProblems(problems));
    }
}
