package ca.archivium.dnscert.config;

/**
 * One entry of {@code DomainValidationOptions}: for {@code domainName}, use this hosted zone and/or this role
 * instead of discovery and the resource-wide role. Null fields mean "not overridden".
 */
public record ValidationOverride(String domainName, String hostedZoneId, String hostedZoneRoleArn,
                                 String hostedZoneRoleExternalId) {
}
