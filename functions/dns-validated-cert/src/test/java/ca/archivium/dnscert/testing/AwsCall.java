package ca.archivium.dnscert.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which AWS API operation one HTTP request calls, as an SDK would name it, and with which access key.
 *
 * @param service     the signing name from the Authorization header ({@code acm}, {@code route53}, {@code sts},
 *                    {@code states}, {@code kms}), or {@code unknown}
 * @param operation   the plain API name ({@code DescribeCertificate}, {@code AssumeRole}, ...); for a Route 53 path
 *                    this class does not know, the method and path
 * @param accessKeyId the access key id that signed the request, or an empty string when unsigned
 */
public record AwsCall(String service, String operation, String accessKeyId) {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/[^/]+/[^/]+/([^/]+)/");
    private static final String ROUTE53 = "/2013-04-01/";

    /** Identifies the call from the parts of the request that carry it in each protocol. */
    public static AwsCall identify(String method, String path, String query, Map<String, List<String>> headers,
                                   byte[] body) {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        Matcher credential = CREDENTIAL.matcher(first(caseInsensitive, "Authorization").orElse(""));
        boolean signed = credential.find();
        String accessKeyId = signed ? credential.group(1) : "";
        String service = signed ? credential.group(2) : "unknown";
        String operation = first(caseInsensitive, "X-Amz-Target")
                // JSON protocols (ACM, Step Functions): "CertificateManager.DescribeCertificate"
                .map(target -> target.substring(target.indexOf('.') + 1))
                // query protocol (STS): Action in the form body, or in the query string of a GET
                .or(() -> formParameter(new String(body, StandardCharsets.UTF_8), "Action"))
                .or(() -> formParameter(query == null ? "" : query, "Action"))
                .orElseGet(() -> route53Operation(method, path));
        return new AwsCall(service, operation, accessKeyId);
    }

    /** The JSON protocols answer errors as JSON; the query and REST-XML protocols as an XML ErrorResponse. */
    public boolean speaksJson() {
        return service.equals("acm") || service.equals("states") || service.equals("kms");
    }

    private static String route53Operation(String method, String path) {
        String resource = path.startsWith(ROUTE53) ? path.substring(ROUTE53.length()) : path;
        // The SDK writes ChangeResourceRecordSets to ".../rrset/", other clients to ".../rrset".
        if (resource.endsWith("/")) {
            resource = resource.substring(0, resource.length() - 1);
        }
        String[] segments = resource.split("/");
        String key = method + " " + switch (segments.length) {
            case 1 -> segments[0];
            case 2 -> segments[0] + "/{id}";
            case 3 -> segments[0] + "/{id}/" + segments[2];
            default -> resource;
        };
        return switch (key) {
            case "GET hostedzonesbyname" -> "ListHostedZonesByName";
            case "GET hostedzone" -> "ListHostedZones";
            case "POST hostedzone" -> "CreateHostedZone";
            case "GET hostedzone/{id}" -> "GetHostedZone";
            case "DELETE hostedzone/{id}" -> "DeleteHostedZone";
            case "GET hostedzone/{id}/rrset" -> "ListResourceRecordSets";
            case "POST hostedzone/{id}/rrset" -> "ChangeResourceRecordSets";
            case "GET change/{id}" -> "GetChange";
            default -> method + " " + path;
        };
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        return Optional.ofNullable(headers.get(name)).filter(values -> !values.isEmpty()).map(values -> values.get(0));
    }

    private static Optional<String> formParameter(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
