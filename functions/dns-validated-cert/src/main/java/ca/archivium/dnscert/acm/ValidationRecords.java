package ca.archivium.dnscert.acm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validation records as read from ACM. Pure. */
public final class ValidationRecords {
    private ValidationRecords() {
    }

    /**
     * One record per record name. {@code example.com} and {@code *.example.com} share one CNAME; writing it
     * twice in one Route 53 change batch would fail, so it is kept once (the first name's).
     */
    public static List<ValidationRecord> dedupe(List<ValidationRecord> records) {
        Map<String, ValidationRecord> byName = new LinkedHashMap<>();
        for (ValidationRecord record : records) {
            byName.putIfAbsent(record.name(), record);
        }
        return List.copyOf(byName.values());
    }

    /**
     * The record of every name, or empty while ACM has not produced all of them yet (right after
     * {@code RequestCertificate} some or all {@code ResourceRecord}s are missing for a few seconds).
     */
    public static Optional<List<ValidationRecord>> complete(CertificateView certificate) {
        if (certificate.validations().isEmpty()
            || certificate.validations().stream().anyMatch(v -> v.record() == null)) {
            return Optional.empty();
        }
        return Optional.of(certificate.validations().stream().map(NameValidation::record).toList());
    }
}
