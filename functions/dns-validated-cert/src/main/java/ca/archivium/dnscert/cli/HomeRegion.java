package ca.archivium.dnscert.cli;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The region the command runs in: the SDK's usual sources (AWS_REGION, the profile), else the one the command names. */
final class HomeRegion {
    private HomeRegion() {
    }

    /**
     * @param fallback the region the command works in (a certificate's), used when none is configured; may be null
     */
    static Region of(String fallback) {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException noneConfigured) {
            if (fallback == null) {
                throw new BadArgumentsException("no AWS region: set AWS_REGION (or a profile's region), or pass --region");
            }
            return Region.of(fallback);
        }
    }
}
