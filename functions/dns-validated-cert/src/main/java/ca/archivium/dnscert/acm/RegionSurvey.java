package ca.archivium.dnscert.acm;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What ACM answered, region by region, when asked for the certificates that may still renew or validate.
 *
 * @param certificates region → its live certificates, for every region that answered
 * @param notEnabled   regions the account has not enabled (they answered with an authentication error)
 * @param unchecked    region → why it could not be asked (throttling, a server error, no answer in time, denied)
 */
public record RegionSurvey(Map<String, List<CertificateView>> certificates, Set<String> notEnabled,
                           Map<String, String> unchecked) {
    public RegionSurvey {
        certificates = Map.copyOf(certificates);
        notEnabled = Collections.unmodifiableSortedSet(new TreeSet<>(notEnabled));
        // Sorted: what the user reads lists the regions in a stable order.
        unchecked = Collections.unmodifiableSortedMap(new TreeMap<>(unchecked));
    }
}
