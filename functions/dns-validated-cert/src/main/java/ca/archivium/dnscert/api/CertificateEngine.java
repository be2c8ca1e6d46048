package ca.archivium.dnscert.api;

import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.dns.ZoneTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the resource handlers, the wait loop and the command line ask of the engine: the use cases of one
 * DNS-validated certificate, each a bounded amount of work. {@link DnsValidatedCertificates} is the one over AWS;
 * the lifecycle depends on this interface only, so its decisions can be tested without AWS. What it hands out is the
 * engine's own values; a certificate is named by its {@link CertificateArn}, whose region is where it lives, and the
 * zones a use case writes to or cleans up are given alone (a plan's), so no region can disagree with the ARN's.
 */
public interface CertificateEngine {
    /** The region certificates go to when {@code Region} is not given. */
    String homeRegion();

    /**
     * Resolves the target region and the hosted zone of every name. Creates nothing.
     *
     * @throws ca.archivium.dnscert.dns.ZoneResolutionException listing every name without a usable zone
     */
    Plan plan(CertificateProperties properties);

    /**
     * The DNS checks before anything is requested: for each planned zone, do public DNS's NS records for its apex
     * name the zone's own name servers (one GetHostedZone per zone)? For each name, do CAA records allow Amazon?
     * Only positive evidence is a problem; a look-up that fails is noted and ignored.
     *
     * @return the findings; {@link Preflight#SKIPPED} with {@code DnsPreflight: OFF} or no resolver
     * @throws DnsPreflightException with {@code DnsPreflight: FAIL} when a problem was proved
     */
    Preflight preflight(CertificateProperties properties, Plan plan);

    /** The name servers of every zone in {@code plan} (Route 53's delegation sets), by zone id: one call per zone. */
    Map<String, List<String>> zoneNameServers(Plan plan);

    /**
     * Public DNS, name by name, for the names ACM has not validated yet: is the validation CNAME visible, is the zone
     * it went to the delegated one, does CAA allow Amazon? Makes no AWS calls.
     *
     * @param zoneNameServers the zones' name servers, by zone id (from {@link #zoneNameServers}); a zone missing here
     *                        has its delegation left unchecked
     * @return empty when look-ups are off
     */
    List<ValidationDiagnosis> diagnose(CertificateStatus status, Map<String, List<String>> zoneNameServers);

    /**
     * Reuses a matching certificate (when {@code ReuseExistingCertificate} is true) or requests one, records
     * {@code owner} as a user in its tags, and writes the validation records if ACM already has them.
     *
     * @param owner        who holds the certificate: a stable key such as "stack-name/LogicalId"
     * @param requestToken what makes this request unique (CloudFormation's RequestId); with the owner and the
     *                     certificate's shape it makes the idempotency token, so a retried request gets the
     *                     same certificate back
     */
    Provisioned provision(CertificateProperties properties, Plan plan, String owner, String requestToken);

    /**
     * Reads the certificate until ACM has produced every validation record (a few seconds at most), then
     * UPSERTs them: one change batch per hosted zone, records shared by several names written once. A certificate
     * ACM failed (at the request: DOMAIN_NOT_ALLOWED, INVALID_PUBLIC_DOMAIN, CAA_ERROR, …) never gets records, so the
     * poll stops at the first look that shows it.
     *
     * @return written; not yet when the records are still missing after the short poll (call again later); or the
     *         certificate failed, with ACM's reason and what to do
     */
    RecordWrite writeValidationRecords(CertificateArn arn, Map<String, ZoneTarget> zones);

    /**
     * Looks at the certificate once. The zones given are reported next to each name; pass none when they are not
     * known.
     *
     * @return empty when the certificate does not exist
     */
    Optional<CertificateStatus> status(CertificateArn arn, Map<String, ZoneTarget> zones);

    /**
     * The certificate {@code owner} already holds that serves {@code properties} as they are now (the same names, key
     * algorithm, export setting and region; issued or still validating): the one at {@code physicalId} when it does, otherwise one
     * carrying {@code owner}'s used-by tag. After a failed replacement, that is the original certificate the
     * rollback returns to, rather than a new request.
     *
     * @return empty when the owner holds none: the properties need a new certificate
     */
    Optional<HeldCertificate> heldCertificate(CertificateProperties properties, String owner, String physicalId);

    /**
     * Lets go of every certificate {@code owner} holds for {@code properties} other than {@code keep}: after an update
     * returned to a certificate the resource already held, what the abandoned update requested (CloudFormation may
     * never learn of it, when its answer came too late) is released as a Delete would release it; and a Delete of an
     * id CloudFormation made up for a Create it gave up on releases what that Create held ({@code keep} null).
     *
     * @return what became of each, for the log
     */
    Map<String, Release> releaseOthersHeldBy(String owner, CertificateProperties properties, String keep);

    /**
     * Brings a certificate the owner holds in line with the properties as they are now, without a new one: its tags
     * and (when zones or roles changed, or the properties before are unknown) the validation records in their zones.
     * Tags belong to whoever requested the certificate: they are changed only when {@code owner} did, never on a
     * certificate it merely reuses (made elsewhere, or by another resource). The transparency preference changes
     * nothing: ACM no longer honours an opt-out, so UpdateCertificateOptions is never called. What is compared is the certificate as it is, so an update that returns to a certificate
     * (a rollback) re-applies whatever differs.
     *
     * @param before the properties before the update; empty when they are not known (they did not parse)
     * @param zones  the zones of the names as they are now (the properties' plan), for the records
     * @return true when {@code owner} did not request the certificate (it reuses it)
     */
    boolean updateInPlace(HeldCertificate certificate, Optional<CertificateProperties> before,
                          CertificateProperties after, Map<String, ZoneTarget> zones, String owner);

    /**
     * {@code owner} lets go of the certificate. A certificate this product requested is deleted once no other
     * user holds it; one made elsewhere is never deleted. Its validation records are cleaned up from
     * {@code recordZones}: those that no other certificate in any region of the account still uses are deleted; when a
     * region cannot be asked, every record is kept and the release says so ({@link Release#recordsKept()}).
     *
     * @param recordZones the zones of the certificate's names whose records may go, by name; empty keeps every record
     *                    (and asks no region)
     */
    Release release(CertificateArn certificate, String owner, Map<String, ZoneTarget> recordZones);
}
