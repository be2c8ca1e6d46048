package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.ZoneTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosted zones of an existing certificate's names, found the way the resource finds them (the engine's plan),
 * through the caller's own credentials. A name whose zone cannot be found is reported, not fatal: {@code status} and
 * {@code delete} still work without it.
 *
 * @param zones    name → zone, for the names that have one
 * @param problems why the other names have none
 */
record CertificateZones(Map<String, ZoneTarget> zones, List<String> problems) {

    static CertificateZones of(DnsValidatedCertificates engine, List<String> names) {
        try {
            return new CertificateZones(planned(engine, names), List.of());
        } catch (RuntimeException whole) {
            // One name without a zone must not hide the zones of the others: look them up one by one.
            Map<String, ZoneTarget> zones = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (String name : names) {
                try {
                    zones.putAll(planned(engine, List.of(name)));
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
            return new CertificateZones(zones, problems);
        }
    }

    private static Map<String, ZoneTarget> planned(DnsValidatedCertificates engine, List<String> names) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("DomainName", names.get(0));
        properties.put("SubjectAlternativeNames", names.subList(1, names.size()));
        return engine.plan(PropertyParser.parse(properties)).zones();
    }
}
