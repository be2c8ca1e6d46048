package ca.archivium.dnscert.acm;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * Which validation records of a deleted certificate may go. Pure.
 *
 * <p>ACM asks for the same CNAME for a given name in every region of an account, so a record is deleted only when
 * no certificate in any region still asks for it, and only when every region could be asked: a record left
 * behind is harmless, a record deleted under a certificate that renews through it breaks the renewal.
 */
public final class RecordCleanup {
    /** How many regions, with their reasons, a "records kept" sentence names before it counts the rest. */
    private static final int REGIONS_NAMED = 5;

    private RecordCleanup() {
    }

    /** What becomes of the records. */
    public sealed interface Decision permits DeleteRecords, KeepRecords {
    }

    /** Delete these records (possibly none: every one is still needed). */
    public record DeleteRecords(List<ValidationRecord> records) implements Decision {
        public DeleteRecords {
            records = List.copyOf(records);
        }
    }

    /** Delete none: {@code reason} is a sentence for the user saying which regions could not be asked, and why. */
    public record KeepRecords(String reason) implements Decision {
    }

    /**
     * The regions to ask for certificates: every region the SDK knows ACM in, within the certificate's partition,
     * and the certificate's own region in any case.
     *
     * <p>{@code acmRegions} is {@code AcmClient.serviceMetadata().regions()} in production rather than
     * {@code Region.regions()}: the latter also holds the global pseudo-regions ({@code aws-global}, …) and regions
     * where ACM is not offered. Two kinds of entries are dropped: regions of other partitions ({@code cn-*},
     * {@code us-gov-*}, the isolated ones), which credentials of this partition cannot reach and whose
     * certificates use records of their own; and entries without region metadata ({@code us-east-1-fips}), which
     * are other endpoints of a region already in the list, holding the same certificates. A region launched
     * after this SDK was released is missing from the metadata, and so not asked, until the SDK is updated.
     *
     * @param certificateArn gives the partition ({@code arn:aws:…}, {@code arn:aws-cn:…})
     */
    public static List<String> regionsToCheck(Collection<Region> acmRegions, String certificateArn, String ownRegion) {
        return regionsIn(acmRegions, partitionOf(certificateArn), ownRegion);
    }

    /** The regions of {@code acmRegions} in {@code partition} (as {@link #regionsToCheck} keeps them), and {@code ownRegion}. */
    public static List<String> regionsIn(Collection<Region> acmRegions, String partition, String ownRegion) {
        Set<String> regions = new TreeSet<>();
        for (Region region : acmRegions) {
            if (region.metadata() != null && region.metadata().partition().id().equals(partition)) {
                regions.add(region.id());
            }
        }
        regions.add(ownRegion);
        return List.copyOf(regions);
    }

    /** The partition field of an ARN: {@code aws} in {@code arn:aws:acm:us-east-1:…}. */
    static String partitionOf(String arn) {
        String[] fields = arn.split(":", 3);
        if (fields.length < 3 || !fields[0].equals("arn") || fields[1].isEmpty()) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return fields[1];
    }

    /**
     * True for the answer of a region the account has not enabled. An opt-in region (af-south-1, ap-east-1, …)
     * that is not enabled rejects the account's credentials: {@code UnrecognizedClientException} from JSON
     * services such as ACM, {@code InvalidClientTokenId} from query services. Skipping such a region is safe: no
     * certificate can be requested there, and the certificates of a region that was disabled again are out of
     * reach, renewals included, until it is enabled again (that one case, a region disabled with a live
     * certificate in it and enabled later, can find its records gone). The same answer from the certificate's own
     * region would mean bad credentials instead; {@link #decide} keeps every record then.
     */
    public static boolean regionNotEnabled(String errorCode) {
        return "UnrecognizedClientException".equals(errorCode) || "InvalidClientTokenId".equals(errorCode);
    }

    /**
     * The records of {@code deleted} that no other certificate of the survey asks for, de-duplicated by name; or
     * none at all when a region could not be asked, or the certificate's own region did not answer.
     */
    public static Decision decide(CertificateView deleted, String ownRegion, RegionSurvey survey) {
        if (!survey.unchecked().isEmpty()) {
            return new KeepRecords("its validation records were kept: ACM could not be asked whether a certificate in "
                + describe(survey.unchecked()) + " still needs them");
        }
        if (!survey.certificates().containsKey(ownRegion)) {
            return new KeepRecords("its validation records were kept: ACM in the certificate's own region "
                + ownRegion + " did not list its certificates");
        }
        Set<String> stillNeeded = new HashSet<>();
        survey.certificates().values().stream().flatMap(List::stream)
            .filter(other -> !other.arn().equals(deleted.arn()))
            .flatMap(other -> other.validations().stream())
            .map(NameValidation::record).filter(Objects::nonNull)
            .forEach(record -> stillNeeded.add(record.name()));
        return new DeleteRecords(ValidationRecords.dedupe(deleted.validations().stream()
                .map(NameValidation::record).filter(Objects::nonNull).toList()).stream()
            .filter(record -> !stillNeeded.contains(record.name()))
            .toList());
    }

    private static String describe(Map<String, String> unchecked) {
        String named = unchecked.entrySet().stream().limit(REGIONS_NAMED)
            .map(region -> region.getKey() + " (" + region.getValue() + ")")
            .collect(Collectors.joining(", "));
        int rest = unchecked.size() - REGIONS_NAMED;
        return rest > 0 ? named + " and " + rest + " more region" + (rest == 1 ? "" : "s") : named;
    }
}
