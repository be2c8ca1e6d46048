package ca.archivium.dnscert.dns;

/**
 * A Route 53 hosted zone.
 *
 * @param id   the bare id, without {@code /hostedzone/}
 * @param name lower case, without the trailing dot
 */
public record HostedZone(String id, String name, boolean privateZone) {
}
