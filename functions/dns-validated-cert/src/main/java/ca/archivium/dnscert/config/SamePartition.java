package ca.archivium.dnscert.config;

import ca.archivium.dnscert.aws.Partitions;
import java.util.List;

/**
 * The certificate's region and the Route 53 roles are in the partition of the function that works with them. Pure.
 *
 * <p>Credentials are valid in one partition only (an aws-cn role cannot be assumed with aws credentials, and
 * ACM in cn-north-1 does not accept them), so a property naming another partition could only fail later, after
 * other calls; it is refused before anything is created instead.
 */
public final class SamePartition {
    private SamePartition() {
    }

    /**
     * @param homeRegion the region the function (or command line) runs in
     * @throws InvalidPropertyException naming the first property in another partition, or {@code ServiceToken} when
     *                                  the function runs in a partition where the resource does not work
     */
    public static void check(CertificateProperties properties, String homeRegion) {
        Partitions.unsupported(homeRegion).ifPresent(reason -> {
            throw new InvalidPropertyException("ServiceToken", reason);
        });
        String home = Partitions.of(homeRegion).orElseThrow();
        if (properties.region() != null) {
            require(Partitions.of(properties.region()).orElse(null), home, homeRegion, "Region", properties.region());
        }
        if (properties.hostedZoneRoleArn() != null) {
            require(PropertyParser.partitionOfArn(properties.hostedZoneRoleArn()), home, homeRegion, "HostedZoneRoleArn",
                properties.hostedZoneRoleArn());
        }
        List<ValidationOverride> overrides = properties.validationOverrides();
        for (int i = 0; i < overrides.size(); i++) {
            String role = overrides.get(i).hostedZoneRoleArn();
            if (role != null) {
                require(PropertyParser.partitionOfArn(role), home, homeRegion,
                    "DomainValidationOptions[" + i + "].HostedZoneRoleArn", role);
            }
        }
    }

    private static void require(String partition, String home, String homeRegion, String property, String value) {
        if (!home.equals(partition)) {
            throw new InvalidPropertyException(property, "'" + value + "' is in the partition " + partition
                + ", and the function runs in " + homeRegion + " (partition " + home + "); credentials of one partition "
                + "are not valid in another, so it must be in " + home);
        }
    }
}
