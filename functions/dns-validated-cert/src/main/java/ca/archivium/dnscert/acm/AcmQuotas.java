package ca.archivium.dnscert.acm;

import java.util.Locale;

/**
 * Which ACM quota a {@code LimitExceededException} from RequestCertificate ran into, and how to raise it. Pure.
 *
 * <p>ACM's model says only "An ACM quota has been exceeded"; the message tells the quotas apart. Users have seen
 * "Certificate has too many domains." for the names of one certificate (hashicorp/terraform-provider-aws#35825) and
 * "Error: you have reached your limit of 20 certificates in the last year." for the yearly quota
 * (hashicorp/terraform-provider-aws#14025, aws/aws-cdk#5889); moto 5.2.1 says "An ACM limit has been exceeded. Need
 * to request SAN limit to be raised" for more than 10 alternative names. Both quotas are per account and region and
 * adjustable in Service Quotas (ACM user guide, "Quotas"): "Domain names per ACM certificate" (default 10, at most
 * 100, quota code L-FB94F0B0) and "ACM certificates created in last 365 days" (quota code L-DA1D8B98).
 */
public final class AcmQuotas {
    /** Service Quotas' code of "Domain names per ACM certificate". */
    public static final String DOMAIN_NAMES_QUOTA_CODE = "L-FB94F0B0";
    /** Service Quotas' code of "ACM certificates created in last 365 days". */
    public static final String YEARLY_CERTIFICATES_QUOTA_CODE = "L-DA1D8B98";
    /** ACM's default of "Domain names per ACM certificate". */
    public static final int DEFAULT_DOMAIN_NAMES = 10;

    private AcmQuotas() {
    }

    /**
     * What to do about a LimitExceededException from RequestCertificate: the quota it names, and how to raise it.
     *
     * @param acmMessage ACM's message
     * @param region     the certificate's region (quotas are per region)
     * @param names      how many names the certificate has, the primary one included
     */
    public static String explain(String acmMessage, String region, int names) {
        String message = acmMessage == null ? "" : acmMessage.toLowerCase(Locale.ROOT);
        boolean aboutNames = message.contains("domain") || message.contains("san ");
        boolean aboutYear = message.contains("year") || message.contains("365");
        if (aboutNames && !aboutYear) {
            return domainNames(region, names);
        }
        if (aboutYear && !aboutNames) {
            return yearly(region);
        }
        return "ACM did not say which quota; it is one of: " + domainNames(region, names) + "; or " + yearly(region);
    }

    private static String domainNames(String region, int names) {
        return "the certificate has " + names + " names, more than ACM's quota \"Domain names per ACM certificate\" "
            + "allows in " + region + " (" + DEFAULT_DOMAIN_NAMES + " unless raised, at most 100): raise it in the "
            + "Service Quotas console (AWS Certificate Manager) or with aws service-quotas "
            + "request-service-quota-increase --service-code acm --quota-code " + DOMAIN_NAMES_QUOTA_CODE
            + " --desired-value " + Math.max(names, DEFAULT_DOMAIN_NAMES + 1) + " --region " + region
            + ", or split the names over several certificates";
    }

    private static String yearly(String region) {
        return "the account has requested as many certificates in " + region + " in the last 365 days as ACM's quota "
            + "\"ACM certificates created in last 365 days\" allows (deleted certificates still count): raise it in the "
            + "Service Quotas console (AWS Certificate Manager) or with aws service-quotas "
            + "request-service-quota-increase --service-code acm --quota-code " + YEARLY_CERTIFICATES_QUOTA_CODE
            + " --desired-value <new quota> --region " + region
            + ", or set ReuseExistingCertificate: true where a certificate with the same names exists";
    }
}
