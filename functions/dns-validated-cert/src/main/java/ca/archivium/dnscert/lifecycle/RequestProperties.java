package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.config.SamePartition;
import ca.archivium.dnscert.log.JsonLog;
import java.util.Map;

/**
 * The properties a Create or an Update works to, parsed where the request starts and checked against the function's
 * partition, with a warning in the log for each setting that is accepted but changes nothing.
 */
final class RequestProperties {
    /** Why {@code CertificateTransparencyLoggingPreference: DISABLED} is accepted and not sent. */
    static final String TRANSPARENCY_OPT_OUT_IGNORED = "CertificateTransparencyLoggingPreference: DISABLED is ignored: "
        + "ACM withdrew the opt-out on 12 June 2026 and records every public certificate in certificate transparency "
        + "logs; remove the property (or set ENABLED)";

    private RequestProperties() {
    }

    /**
     * @param homeRegion the function's region: the certificate's region and the roles must be in its partition
     * @throws ca.archivium.dnscert.config.InvalidPropertyException naming the first property that cannot be accepted
     */
    static CertificateProperties of(CfnRequest request, String homeRegion, JsonLog log) {
        CertificateProperties properties = PropertyParser.parse(request.resourceProperties());
        SamePartition.check(properties, homeRegion);
        if (properties.transparencyOptOut()) {
            RequestLog.of(log, request).warn(TRANSPARENCY_OPT_OUT_IGNORED,
                Map.of("property", "CertificateTransparencyLoggingPreference"));
        }
        return properties;
    }
}
