package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.api.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code Fn::GetAtt} attributes of the resource. Pure. */
public final class Attributes {
    /** Kept even when the response has to shrink to CloudFormation's 4096-byte limit. */
    public static final Set<String> ESSENTIAL = Set.of("Arn");

    private Attributes() {
    }

    public static Map<String, Object> of(String arn, String domainName, Plan plan, AcmStatus status, boolean reused) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Arn", arn);
        data.put("DomainName", domainName);
        data.put("Region", plan.region());
        data.put("Status", String.valueOf(status));
        data.put("Reused", Boolean.toString(reused));
        data.put("HostedZoneIds", String.join(",", plan.hostedZoneIds()));
        return data;
    }
}
