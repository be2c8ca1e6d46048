package ca.archivium.dnscert.testing;

/**
 * A hosted zone a test created.
 *
 * @param id          the bare zone id, without the {@code /hostedzone/} prefix
 * @param name        the zone name as Route 53 returns it, with the trailing dot
 * @param privateZone whether the zone is private (attached to a VPC)
 */
public record HostedZoneFixture(String id, String name, boolean privateZone) {
}
