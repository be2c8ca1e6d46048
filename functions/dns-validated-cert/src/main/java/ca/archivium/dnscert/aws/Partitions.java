package ca.archivium.dnscert.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * AWS partitions as this SDK knows them (its endpoint metadata, no call to AWS): which partition a region is in, and
 * where the resource works. Pure.
 *
 * <p>A certificate, the hosted zones' roles and the function are in one partition: credentials of one partition are
 * not valid in another, and a Route 53 client of a partition reaches only that partition's global endpoint (the
 * SDK's endpoint rules give {@code route53.amazonaws.com.cn} signed for cn-northwest-1 in aws-cn,
 * {@code route53.us-gov.amazonaws.com} signed for us-gov-west-1 in aws-us-gov).
 */
public final class Partitions {
    /**
     * Where the resource works: public ACM certificates validated through public DNS. The isolated partitions
     * (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f) have no public internet DNS for ACM to validate through, and
     * Route 53's service metadata in this SDK ({@code Route53Client.serviceMetadata().regions()}) has no endpoint in
     * aws-eusc.
     */
    public static final Set<String> SUPPORTED = Set.of("aws", "aws-cn", "aws-us-gov");

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Map<String, PartitionMetadata> KNOWN = fromRegionMetadata();

    private Partitions() {
    }

    /**
     * The partition of {@code region}: its own for a region this SDK knows, else the one whose region names it
     * matches (a region launched after this SDK, such as {@code cn-north-9}); empty for a name no partition has.
     */
    public static Optional<String> of(String region) {
        if (region == null || !REGION_NAME.matcher(region).matches()) {
            return Optional.empty();
        }
        RegionMetadata known = RegionMetadata.of(Region.of(region));
        if (known != null) {
            return Optional.of(known.partition().id());
        }
        return KNOWN.values().stream().filter(p -> region.matches(p.regionRegex())).map(PartitionMetadata::id).findFirst();
    }

    /** The partitions this SDK knows, such as {@code aws}, {@code aws-cn}, {@code aws-us-gov}, {@code aws-iso}. */
    public static Set<String> known() {
        return KNOWN.keySet();
    }

    /** The DNS suffix of the partition's endpoints ({@code amazonaws.com.cn} in aws-cn); empty for an unknown one. */
    public static Optional<String> dnsSuffix(String partition) {
        return Optional.ofNullable(KNOWN.get(partition)).map(PartitionMetadata::dnsSuffix);
    }

    /**
     * Why the resource does not work where a function in {@code homeRegion} runs, or empty when it does.
     */
    public static Optional<String> unsupported(String homeRegion) {
        String partition = of(homeRegion).orElse("unknown");
        if (SUPPORTED.contains(partition)) {
            return Optional.empty();
        }
        return Optional.of("the function runs in " + homeRegion + " (partition " + partition + "), and "
            + "Custom::DnsValidatedCert works only in the partitions " + new TreeSet<>(SUPPORTED) + ": "
            + (partition.startsWith("aws-iso") ? "ACM validates a public certificate through public internet DNS, "
                + "which an isolated partition does not reach"
                : "Route 53's service metadata in this SDK names no endpoint there")
            + "; use AWS::CertificateManager::Certificate there");
    }

    private static Map<String, PartitionMetadata> fromRegionMetadata() {
        Map<String, PartitionMetadata> partitions = new LinkedHashMap<>();
        for (Region region : Region.regions()) {
            RegionMetadata metadata = region.metadata();
            if (metadata != null) {
                partitions.putIfAbsent(metadata.partition().id(), metadata.partition());
            }
        }
        return Map.copyOf(partitions);
    }
}
