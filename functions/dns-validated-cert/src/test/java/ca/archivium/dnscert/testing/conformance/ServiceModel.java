package ca.archivium.dnscert.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS service as botocore describes it ({@code botocore/data/<service>/<version>/service-2.json.gz}): its
 * protocol, the name requests are signed with, its operations and their input shapes. Loaded, never retyped.
 *
 * @param serviceId    the model's {@code serviceId} ({@code ACM}, {@code Route 53}, {@code STS}, {@code SFN},
 *                     {@code KMS})
 * @param protocol     {@code json}, {@code query} or {@code rest-xml}
 * @param signingName  the service name in the SigV4 credential scope ({@code acm}, {@code route53}, {@code sts},
 *                     {@code states}, {@code kms})
 * @param jsonVersion  {@code 1.0} or {@code 1.1} for the JSON protocol, else empty
 * @param targetPrefix the prefix of {@code X-Amz-Target} for the JSON protocol ({@code CertificateManager})
 * @param xmlNamespace the namespace of the service's XML documents: the model's, else the one its REST operations
 *                     declare for their input ({@code https://route53.amazonaws.com/doc/2013-04-01/})
 * @param operations   the operations by name
 * @param shapes       every shape by name
 */
public record ServiceModel(String serviceId, String protocol, String signingName, String jsonVersion,
                           String targetPrefix, String xmlNamespace, Map<String, Operation> operations,
                           Map<String, Shape> shapes) {

    /**
     * One operation.
     *
     * @param name         its name ({@code DescribeCertificate})
     * @param method       its HTTP method
     * @param requestUri   its request URI template ({@code /2013-04-01/hostedzone/{Id}/rrset/}); {@code /} for the
     *                     JSON and query protocols
     * @param input        the name of its input shape, or empty for none
     * @param inputElement the root element of its XML request body ({@code ChangeResourceRecordSetsRequest}), or empty
     * @param inputNamespace the namespace of that root element, or empty
     */
    public record Operation(String name, String method, String requestUri, Optional<String> input,
                            Optional<String> inputElement, Optional<String> inputNamespace) {
    }

    static ServiceModel parse(JsonNode model) {
        JsonNode metadata = model.path("metadata");
        Map<String, Operation> operations = new LinkedHashMap<>();
        model.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            JsonNode input = operation.path("input");
            operations.put(entry.getKey(), new Operation(entry.getKey(),
                operation.path("http").path("method").asText("POST"),
                operation.path("http").path("requestUri").asText("/"),
                text(input, "shape"), text(input, "locationName"), text(input.path("xmlNamespace"), "uri")));
        });
        Map<String, Shape> shapes = new LinkedHashMap<>();
        model.path("shapes").fields().forEachRemaining(entry ->
            shapes.put(entry.getKey(), Shape.parse(entry.getKey(), entry.getValue())));
        String endpointPrefix = metadata.path("endpointPrefix").asText();
        return new ServiceModel(metadata.path("serviceId").asText(), metadata.path("protocol").asText(),
            metadata.path("signingName").asText(endpointPrefix), metadata.path("jsonVersion").asText(""),
            metadata.path("targetPrefix").asText(""), metadata.path("xmlNamespace").asText(operations.values().stream()
                .flatMap(o -> o.inputNamespace().stream()).findFirst().orElse("")),
            Map.copyOf(operations), Map.copyOf(shapes));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    /** The shape with this name; the model refers only to shapes it defines. */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException(serviceId + " has no shape " + name);
        }
        return shape;
    }

    /** The input shape of an operation, or an empty structure when it takes none. */
    public Shape input(Operation operation) {
        return operation.input().map(this::shape).orElseGet(() -> new Shape(operation.name() + "Request",
            "structure", Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(),
            java.util.Set.of(), null, null, null, false));
    }

    /**
     * The operation a REST request calls: the one whose method and URI template match, with its URI labels. When
     * several templates match, the one with the most literal segments wins ({@code hostedzonecount} over a label).
     */
    public Optional<RestMatch> restOperation(String method, String path) {
        RestMatch best = null;
        for (Operation operation : operations.values()) {
            if (operation.method().equalsIgnoreCase(method)) {
                Optional<Map<String, String>> labels = UriTemplate.match(operation.requestUri(), path);
                if (labels.isPresent() && (best == null
                        || literals(operation.requestUri()) > literals(best.operation().requestUri()))) {
                    best = new RestMatch(operation, labels.get());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static long literals(String template) {
        return java.util.Arrays.stream(template.split("/")).filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
    }

    /**
     * A REST request matched to an operation.
     *
     * @param operation the operation
     * @param labels    the URI labels by name, decoded
     */
    public record RestMatch(Operation operation, Map<String, String> labels) {
    }
}
