package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.DnsPreflightException;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import java.util.Map;
import java.util.Optional;

/**
 * Update. New names, key algorithm or region need a new certificate: it gets a new physical id, and
 * CloudFormation deletes the old one after the stack update. Everything else (tags, transparency logging,
 * zones and roles) is changed in place, keeping the ARN. A failed Update keeps the old physical id, and a
 * certificate it had just requested is released so nothing is orphaned.
 */
public final class UpdateHandler {
    private final DnsValidatedCertificates engine;
    private final CreateHandler create;

    public UpdateHandler(DnsValidatedCertificates engine, CreateHandler create) {
        this.engine = engine;
        this.create = create;
    }

    public Answer handle(CfnRequest request, long receivedEpochMs) {
        String oldId = request.physicalResourceId();
        CertificateProperties after;
        try {
            after = PropertyParser.parse(request.resourceProperties());
        } catch (InvalidPropertyException e) {
            return new Answer.Now(CfnResponse.failed(request.replyAddress(), oldId, e.getMessage() + ". Nothing was changed."));
        }
        Optional<CertificateProperties> before = previous(request);
        try {
            if (!PhysicalIds.isCertificateArn(oldId) || before.isEmpty() || engine.needsNewCertificate(before.get(), after)) {
                return create.provisionNew(request, after, receivedEpochMs);
            }
            return inPlace(request, oldId, before.get(), after);
        } catch (InvalidPropertyException | ZoneResolutionException | DnsPreflightException e) {
            return new Answer.Now(CfnResponse.failed(request.replyAddress(), oldId, Reasons.beforeCreation(e)));
        } catch (CertificateFailureException e) {
            return new Answer.Now(CfnResponse.failed(request.replyAddress(), oldId,
                e.getMessage() + ". " + FailedReplacement.release(engine, request, e.arn())));
        }
    }

    private Answer inPlace(CfnRequest request, String arn, CertificateProperties before, CertificateProperties after) {
        Plan plan = engine.plan(after);
        boolean reused = engine.updateInPlace(arn, before, after, plan, Owners.of(request));
        Optional<CertificateStatus> status = engine.status(arn, plan);
        if (status.isEmpty()) {
            return new Answer.Now(CfnResponse.failed(request.replyAddress(), arn,
                "The certificate " + arn + " no longer exists; remove the resource from the template and add it again"));
        }
        Map<String, Object> data = Attributes.of(arn, after.domainName(), plan, status.get().acmStatus(), reused);
        return new Answer.Now(CfnResponse.success(request.replyAddress(), arn, data, Attributes.ESSENTIAL));
    }

    /** The properties before the update; empty when they no longer parse (then a new certificate is the safe way). */
    private static Optional<CertificateProperties> previous(CfnRequest request) {
        try {
            return Optional.of(PropertyParser.parse(request.oldResourceProperties()));
        } catch (InvalidPropertyException e) {
            return Optional.empty();
        }
    }
}
