package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.aws.Partitions;
import ca.archivium.dnscert.log.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a ResponseURL may receive a response. The response can carry the certificate ARN and
 * the URL comes from the event, so a forged event must not make the function send anything to an
 * arbitrary host: only {@code https} to {@code amazonaws.com} or {@code amazonaws.com.cn} (and their
 * subdomains: CloudFormation's pre-signed S3 URLs, {@code s3.amazonaws.com}, {@code s3-us-gov-west-1.amazonaws.com},
 * {@code s3.cn-north-1.amazonaws.com.cn}), or the endpoint domain of the function's own partition when it is
 * another (so that a function deployed where the resource does not work can still say so), is accepted, plus URLs
 * starting with one of the configured prefixes ({@code RESPONSE_URL_ALLOWED_PREFIXES}, comma separated, e.g.
 * {@code http://127.0.0.1:} for local runs).
 */
public final class ResponseUrlPolicy {

    /** The environment variable the Lambda entry points read the extra prefixes from. */
    public static final String ALLOWED_PREFIXES_VARIABLE = "RESPONSE_URL_ALLOWED_PREFIXES";

    private static final List<String> AWS_DOMAINS = List.of("amazonaws.com", "amazonaws.com.cn");

    private final List<String> allowedPrefixes;
    private final List<String> awsDomains;

    /**
     * @param allowedPrefixes comma-separated URL prefixes allowed besides AWS hosts; null or blank for none.
     *                        A prefix should end at a boundary ({@code http://127.0.0.1:}, not
     *                        {@code http://127.0.0.1}, which would also allow {@code http://127.0.0.1.example.com})
     * @param homeRegion      the function's region: its partition's endpoint domain is an AWS host too
     */
    public ResponseUrlPolicy(String allowedPrefixes, String homeRegion) {
        this.allowedPrefixes = allowedPrefixes == null ? List.of()
                : Arrays.stream(allowedPrefixes.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        List<String> domains = new ArrayList<>(AWS_DOMAINS);
        Partitions.of(homeRegion).flatMap(Partitions::dnsSuffix).filter(d -> !domains.contains(d)).ifPresent(domains::add);
        this.awsDomains = List.copyOf(domains);
    }

    /** Whether a response may be sent to {@code responseUrl}. */
    public boolean allows(String responseUrl) {
        return rejectionReason(responseUrl).isEmpty();
    }

    /**
     * Why a response may not be sent to {@code responseUrl}, or empty if it may. The reason shows the URL
     * without its query string.
     */
    public Optional<String> rejectionReason(String responseUrl) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return Optional.of("ResponseURL is missing");
        }
        if (allowedPrefixes.stream().anyMatch(responseUrl::startsWith)) {
            return Optional.empty();
        }
        String shown = "ResponseURL " + Redaction.url(responseUrl);
        URI uri;
        try {
            uri = new URI(responseUrl);
        } catch (URISyntaxException e) {
            return Optional.of(shown + " is not a valid URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of(shown + " is not https" + prefixHint());
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(shown + " carries user information, which a CloudFormation ResponseURL never does");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null) {
            return Optional.of(shown + " has no host");
        }
        boolean awsHost = awsDomains.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
        if (!awsHost) {
            return Optional.of(shown + " is not on an " + String.join(" or ", awsDomains) + " host (host: " + host + ")"
                    + prefixHint());
        }
        return Optional.empty();
    }

    private static String prefixHint() {
        return "; to allow another endpoint set " + ALLOWED_PREFIXES_VARIABLE + " to a comma-separated list of URL prefixes";
    }
}
