package ca.archivium.dnscert.renewal;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.CertificateRenewal;
import ca.archivium.dnscert.acm.CertificateView;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Will a certificate renew? Decided from what ACM, Route 53 and public DNS said about it. Pure.
 *
 * <p>What ACM needs, from the ACM User Guide ("Renewal for domains validated by DNS", "Managed renewal for ACM
 * certificates", "Check a certificate's renewal status"): the certificate is in use by another AWS service (or was
 * exported since it was issued or last renewed: {@code RenewalEligibility} says so), and every validation CNAME is
 * present and visible in public DNS; ACM starts 60 days before expiry ({@link RenewalWindow}). Whatever makes one of
 * these false is a risk, reported as early as it can be proved, with the fix; what cannot be proved is a note.
 */
public final class RenewalAssessment {
    /** The command that restores records, named in the fix of a record the guardian did not write. */
    static final String RESTORE_COMMAND = "dns-validated-cert renewals --fix";

    private RenewalAssessment() {
    }

    /**
     * The findings, risks first in the order they matter.
     *
     * @param records the certificate's validation records as found (and restored) in Route 53
     * @param dns     public DNS, name by name (empty when not asked)
     * @param fixing  true when the guardian wrote what was missing (the Lambda function, {@code renewals --fix}): a
     *                record still missing then failed to be written
     */
    public static List<Finding> findings(CertificateRenewal renewal, CertificateReport.Origin origin,
                                         List<RecordCheck> records, List<ValidationDiagnosis> dns, Instant now,
                                         boolean fixing) {
        List<Finding> risks = new ArrayList<>();
        List<Finding> notes = new ArrayList<>();
        CertificateView certificate = renewal.certificate();
        if (origin == CertificateReport.Origin.ELSEWHERE) {
            notes.add(Finding.note("made elsewhere and reused by a resource of this product: its validation records are"
                + " its maker's, so the guardian reports on it and writes nothing"));
        }
        if (renewal.notBefore() == null || renewal.notAfter() == null) {
            notes.add(Finding.note("ACM gives no validity dates for it (status " + certificate.status() + ")"));
            return join(risks, notes);
        }
        RenewalWindow window = new RenewalWindow(renewal.notBefore(), renewal.notAfter());
        if (certificate.status() == AcmStatus.EXPIRED || window.expired(now)) {
            risks.add(Finding.risk("expired on " + day(renewal.notAfter()) + ": ACM never renews an expired certificate."
                + " Fix: replace it (give the resource a property that needs a new certificate, such as another"
                + " KeyAlgorithm, or remove the resource and add it again), then point its users at the new one",
                "replace it"));
            return join(risks, notes);
        }
        renewalStatus(renewal, risks);
        inUse(renewal, window, now, risks, notes);
        records.forEach(record -> record(record, fixing, risks, notes));
        Set<String> restored = records.stream().filter(r -> r.state() == RecordCheck.State.RESTORED)
            .map(RecordCheck::recordName).collect(Collectors.toSet());
        publicDns(dns, restored, risks, notes);
        if (risks.isEmpty() && window.overdue(now) && !"SUCCESS".equals(renewal.renewalStatus())) {
            risks.add(Finding.risk("not renewed " + window.daysToExpiry(now) + " days before it expires (" + day(renewal.notAfter())
                + "), though ACM's renewal should have begun around " + day(window.opens()) + ". Fix: look at its"
                + " renewal status in the ACM console (a change can take several hours to show there) and at AWS Health",
                "check ACM's renewal status"));
        }
        return join(risks, notes);
    }

    private static void renewalStatus(CertificateRenewal renewal, List<Finding> risks) {
        String reason = renewal.renewalReason() == null ? ""
            : " (" + renewal.renewalReason() + (Issuance.FAILURE_ADVICE.containsKey(renewal.renewalReason())
                ? ": " + Issuance.FAILURE_ADVICE.get(renewal.renewalReason()) : "") + ")";
        if ("FAILED".equals(renewal.renewalStatus())) {
            risks.add(Finding.risk("ACM's renewal failed" + reason + ". Fix: correct what the other findings name; if the"
                + " certificate expires before ACM renews it, replace it", "fix the cause, then check ACM"));
        } else if ("PENDING_VALIDATION".equals(renewal.renewalStatus())) {
            List<String> names = renewal.namesPendingRenewal();
            risks.add(Finding.risk("ACM cannot validate the renewal of " + (names.isEmpty() ? "some names" : names) + reason
                + ". Fix: each name's validation CNAME must be visible in public DNS and the certificate in use by an AWS"
                + " service (the other findings say which is not)", "make the records visible"));
        }
    }

    private static void inUse(CertificateRenewal renewal, RenewalWindow window, Instant now, List<Finding> risks,
                              List<Finding> notes) {
        if (!renewal.certificate().inUseBy().isEmpty() || "ELIGIBLE".equals(renewal.eligibility())) {
            return;
        }
        String cause = "not in use: ACM renews a certificate only while an AWS service (a load balancer, a CloudFront"
            + " distribution, an API Gateway domain) uses it";
        if (window.open(now)) {
            risks.add(Finding.risk(cause + ", and it expires in " + window.daysToExpiry(now) + " days (" + day(renewal.notAfter())
                + "). Fix: attach it to what it was made for; if nothing needs it any more, remove the resource so that"
                + " it is deleted", "attach it, or remove it"));
        } else {
            notes.add(Finding.note(cause + "; it must be attached before " + day(window.opens()) + ", when renewal begins"));
        }
    }

    private static void record(RecordCheck record, boolean fixing, List<Finding> risks, List<Finding> notes) {
        String what = "validation record " + record.recordName() + " (for " + String.join(", ", record.names()) + ")";
        switch (record.state()) {
            case PRESENT -> {
                // nothing to say
            }
            case RESTORED -> notes.add(Finding.note(what + (record.found() == null ? " was missing from "
                : " held " + record.found() + " instead of " + record.value() + " in ") + record.zone()
                + ": written again"));
            case MISSING, CHANGED -> {
                String found = record.state() == RecordCheck.State.MISSING ? " is missing from " + record.zone()
                    : " holds " + record.found() + " instead of " + record.value() + " in " + record.zone();
                risks.add(fixing
                    ? Finding.risk(what + found + ", and writing it failed: " + record.detail() + ". Fix: let the guardian's"
                        + " role write _* CNAME records in that zone, or write the record by hand", "write the record")
                    : Finding.risk(what + found + ". Fix: " + RESTORE_COMMAND + " writes it again (the guardian's daily"
                        + " run does too)", "restore records (--fix)"));
            }
            case UNREACHABLE -> risks.add(Finding.risk(what + ": " + record.zone() + " cannot be read, so the record can be"
                + " neither checked nor restored: " + record.detail() + ". Fix: " + reachFix(record.causes()),
                "let the guardian reach the zone"));
            case NOT_RECORDED -> notes.add(Finding.note(what + ": " + record.detail()));
        }
    }

    /**
     * The fix for zones the guardian cannot read, after what stopped each. STS's refusal already carries its possible
     * reasons in the detail, so its fix only points at them and names the guardian's own role.
     */
    private static String reachFix(Set<RecordCheck.Cause> causes) {
        return causes.stream().map(cause -> switch (cause) {
            case ROLE_REFUSED -> "correct the role as STS's answer above says; the role to trust is the guardian's"
                + " (the stack's RenewalGuardianRoleArn output)";
            case ROLE_NOT_RECORDED -> "write the role's ARN and external id with ACM's tag characters (no comma), then"
                + " update the stack";
            case ZONE_UNREADABLE -> "make sure the zone exists and the role (or the guardian's own role) may read it";
        }).collect(Collectors.joining("; "));
    }

    private static void publicDns(List<ValidationDiagnosis> dns, Set<String> restored, List<Finding> risks,
                                  List<Finding> notes) {
        List<ValidationDiagnosis> delegation = dns.stream()
            .filter(d -> d.kind() == ValidationDiagnosis.Kind.DELEGATION_WRONG).toList();
        delegation.stream().map(ValidationDiagnosis::zoneId).distinct().forEach(zone -> risks.add(Finding.risk(
            ValidationDiagnosis.delegationExplanation(delegation.stream().filter(d -> d.zoneId().equals(zone)).toList()),
            "fix the delegation")));
        for (ValidationDiagnosis diagnosis : dns) {
            switch (diagnosis.kind()) {
                case CAA_FORBIDS -> risks.add(Finding.risk(diagnosis.explanation(), "allow Amazon in CAA"));
                case NOT_VISIBLE -> {
                    if (restored.contains(diagnosis.recordName())) {
                        notes.add(Finding.note(diagnosis.name() + ": public DNS did not return its record before it was"
                            + " written again; Route 53 publishes a change within a minute or so"));
                    } else if (diagnosis.provable()) {
                        risks.add(Finding.risk(diagnosis.explanation(), "publish the record"));
                    } else {
                        notes.add(Finding.note(diagnosis.name() + ": " + diagnosis.summary()));
                    }
                }
                case UNKNOWN -> notes.add(Finding.note(diagnosis.name() + ": public DNS " + diagnosis.summary()));
                case RECORD_VISIBLE, DELEGATION_WRONG -> {
                    // visible: nothing to say; a wrong delegation is reported once per zone above
                }
            }
        }
    }

    private static List<Finding> join(List<Finding> risks, List<Finding> notes) {
        List<Finding> all = new ArrayList<>(risks);
        all.addAll(notes);
        return List.copyOf(all);
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
