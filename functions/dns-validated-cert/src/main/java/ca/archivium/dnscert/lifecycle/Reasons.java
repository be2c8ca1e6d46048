package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.RequestType;
import ca.archivium.dnscert.dns.ValidationDiagnosis;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The FAILED reasons CloudFormation shows: what went wrong and what to do about it. Pure. */
final class Reasons {
    private Reasons() {
    }

    static String beforeCreation(RuntimeException e) {
        if (e instanceof ZoneResolutionException) {
            return "No usable hosted zone: " + e.getMessage() + ". Nothing was created.";
        }
        return e.getMessage() + ". Nothing was created.";
    }

    /**
     * A failure once the certificate existed. A Create answers with its ARN, so the rollback deletes it; an Update
     * answers with the old id, and the certificate is released with the answer ({@link StepAnswer#failed}).
     */
    static String afterCreation(CfnRequest request, RuntimeException e) {
        return request.requestType() == RequestType.CREATE
            ? e.getMessage() + ". The certificate was requested; CloudFormation's rollback will delete it."
            : e.getMessage();
    }

    /** The deadline passed while ACM still had names to validate. */
    static String stillPending(CertificateStatus status, long waitedSeconds) {
        return "ACM had not validated the certificate after " + waitedSeconds + " s (ServiceTimeout). Still pending: "
            + status.describePending() + ". " + CertificateStatus.WHEN_VALIDATION_STALLS
            + " Raise ServiceTimeout (up to 3600) if validation is just slow.";
    }

    /**
     * The DNS checks proved, for ValidationProblemTimeout, that pending names cannot be validated: each with its
     * cause, zone, what public DNS says and the fix.
     */
    static String undeliverable(List<ValidationDiagnosis> problems, long provenForSeconds) {
        // One entry per zone whose delegation is wrong (its names share the cause and the fix), one per other name.
        Map<String, List<ValidationDiagnosis>> wrongZones = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>();
        for (ValidationDiagnosis d : problems) {
            if (d.kind() == ValidationDiagnosis.Kind.DELEGATION_WRONG) {
                wrongZones.computeIfAbsent(d.zoneId(), z -> new ArrayList<>()).add(d);
            } else {
                entries.add(d.explanation());
            }
        }
        wrongZones.values().forEach(zone -> entries.add(0, ValidationDiagnosis.delegationExplanation(zone)));
        return "ACM cannot validate the certificate, as public DNS has shown for " + provenForSeconds
            + " s (ValidationProblemTimeout): " + String.join("; ", entries)
            + ". DnsPreflight: WARN would wait until ServiceTimeout instead.";
    }
}
