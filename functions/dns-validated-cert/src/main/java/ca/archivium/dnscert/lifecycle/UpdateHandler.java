package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.HeldCertificate;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.Attributes;
import java.util.Map;
import java.util.Optional;

/**
 * Update. The properties as they are now are served by a certificate the resource already holds whenever one
 * fits: the one it was sent (the physical id), or, after a failed replacement, the original one it still holds
 * (found by its used-by tag). That certificate is kept and brought in line in place (tags, zones and roles). Only
 * when none fits (new names, key algorithm, export setting or region) is a new certificate requested: it gets a new
 * physical id, and CloudFormation deletes the old one after the stack update. A failed Update keeps the old physical
 * id, and a certificate it had just requested is released so nothing is orphaned.
 *
 * <p>Rollbacks are Updates too: after a replacement, a rejected update or a replacement that failed, CloudFormation
 * sends the original properties back, and they find the original certificate, so nothing is requested twice.
 */
public final class UpdateHandler {
    private final CertificateEngine engine;
    private final CreateHandler create;
    private final JsonLog log;

    public UpdateHandler(CertificateEngine engine, CreateHandler create, JsonLog log) {
        this.engine = engine;
        this.create = create;
        this.log = log;
    }

    /** @param sentEpochMs when CloudFormation sent the request: the deadline counts from then */
    public Answer handle(CfnRequest request, long sentEpochMs) {
        String oldId = request.physicalResourceId();
        CertificateProperties after;
        try {
            after = RequestProperties.of(request, engine.homeRegion(), log);
        } catch (InvalidPropertyException e) {
            return new Answer.Now(FailedAnswer.of(request, Failure.invalidUpdate(e.getMessage())));
        }
        Optional<CertificateProperties> before = previous(request);
        String owner = Owners.of(request);
        try {
            Optional<HeldCertificate> held = engine.heldCertificate(after, owner, oldId);
            if (held.isEmpty()) {
                return create.provisionNew(request, after, sentEpochMs);
            }
            if (before.isPresent() && before.get().needsNewCertificate(after, engine.homeRegion())) {
                releaseAbandoned(request, owner, before.get(), held.get().arn().arn());
            }
            return inPlace(request, held.get(), before, after);
        } catch (InvalidPropertyException | ZoneResolutionException e) {
            return new Answer.Now(FailedAnswer.of(request, Provisioning.refusal(e)));
        }
    }

    /**
     * The update returned to a certificate the resource held while the properties it leaves would have needed
     * another one: a rollback. What the abandoned update requested for them, if it still exists (its answer may never
     * have reached CloudFormation, when the rollback overtook its wait loop), is released now.
     */
    private void releaseAbandoned(CfnRequest request, String owner, CertificateProperties abandoned, String kept) {
        engine.releaseOthersHeldBy(owner, abandoned, kept).forEach((arn, release) ->
            DeleteHandler.logRelease(RequestLog.of(log, request).with(JsonLog.CERTIFICATE_ARN, arn), release));
    }

    private Answer inPlace(CfnRequest request, HeldCertificate certificate, Optional<CertificateProperties> before,
                           CertificateProperties after) {
        Plan plan = engine.plan(after);
        boolean reused = engine.updateInPlace(certificate, before, after, plan.zones(), Owners.of(request));
        String arn = certificate.arn().arn();
        Map<String, Object> data = Attributes.of(arn, after.domainName(), plan, certificate.status(), reused);
        return new Answer.Now(CfnResponse.success(request.replyAddress(), arn, data, Attributes.ESSENTIAL));
    }

    /** The properties before the update; empty when they no longer parse (a rejected update's, in its rollback). */
    private static Optional<CertificateProperties> previous(CfnRequest request) {
        try {
            return Optional.of(PropertyParser.parse(request.oldResourceProperties()));
        } catch (InvalidPropertyException e) {
            return Optional.empty();
        }
    }
}
