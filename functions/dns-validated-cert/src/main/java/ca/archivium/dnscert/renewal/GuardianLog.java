package ca.archivium.dnscert.renewal;

import ca.archivium.dnscert.log.EmbeddedMetrics;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.log.MetricUnit;
import java.util.Map;

/**
 * A guardian run in the log: one JSON line per certificate (WARN when it is at risk), one line for the run, and a few
 * metrics for the whole run in CloudWatch Embedded Metric Format.
 *
 * <p>The metrics are three aggregates, without dimensions: CloudWatch bills each metric (each name and set of
 * dimension values) by the month, so a metric per certificate, or a {@code CertificateArn} dimension, would cost about
 * 0.30 USD per certificate a month, 300 USD for 1,000 (CloudWatch pricing). Per-certificate detail is in the log
 * lines, which CloudWatch Logs Insights reads. A region that could not be asked is not a metric: the handler fails
 * the invocation, which Lambda's own {@code Errors} metric counts.
 */
public final class GuardianLog {
    /** Certificates at risk in the run: the template's alarm watches it. */
    public static final String AT_RISK = "CertificatesAtRisk";
    /** Validation records the run wrote again. */
    public static final String RESTORED = "ValidationRecordsRestored";
    /** Days to expiry of the certificate that expires first. */
    public static final String NEAREST_EXPIRY = "NearestExpiryDays";

    private GuardianLog() {
    }

    /**
     * Writes the run's lines and metrics through {@code log}.
     *
     * @param wholeAccount true for a survey of every region; false for a run over the certificates an event named,
     *                     which says nothing of the others: it emits {@value #AT_RISK} only when some are at risk (the
     *                     alarm then fires at once; the next survey sets the true count) and the records it wrote
     */
    public static void write(JsonLog log, GuardianReport report, boolean wholeAccount) {
        for (CertificateReport certificate : report.certificates()) {
            JsonLog line = log.with(JsonLog.CERTIFICATE_ARN, certificate.arn());
            Map<String, Object> fields = certificate.toJson();
            if (certificate.atRisk()) {
                line.warn("certificate at risk: " + certificate.findings().get(0).text(), fields);
            } else {
                line.info("certificate renewable", fields);
            }
        }
        if (!report.unchecked().isEmpty()) {
            log.warn("regions not checked: " + report.unchecked(), Map.of());
        }
        log.info("renewal check: " + report.certificates().size() + " certificates, " + report.atRisk() + " at risk, "
            + report.recordsRestored() + " validation records written again", report.summary());
        EmbeddedMetrics metrics = new EmbeddedMetrics(log);
        if (wholeAccount) {
            report.nearestExpiryDays().ifPresent(days -> metrics.emit(NEAREST_EXPIRY, days, MetricUnit.NONE, Map.of()));
        }
        if (wholeAccount || report.atRisk() > 0) {
            metrics.emit(AT_RISK, report.atRisk(), MetricUnit.COUNT, Map.of());
        }
        metrics.emit(RESTORED, report.recordsRestored(), MetricUnit.COUNT, Map.of());
    }
}
