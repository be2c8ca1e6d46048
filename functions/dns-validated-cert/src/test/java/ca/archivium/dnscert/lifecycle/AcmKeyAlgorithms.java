package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The key algorithm of each certificate, which moto 5.2.1 drops: it makes every certificate RSA_2048 whatever
 * RequestCertificate asked for, and its ListCertificates then finds no EC certificate. These stand-ins, in the fault
 * proxy, remember what each request asked for and answer DescribeCertificate and ListCertificates as ACM would: in
 * ACM's answer spelling ({@code RSA-2048}, {@code EC-prime256v1}; the AWS CLI's example output of
 * {@code acm describe-certificate}), not the request spelling moto answers with.
 */
public final class AcmKeyAlgorithms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT = "RSA_2048";

    private final MotoPassThrough moto;
    private final Map<String, String> byArn = new ConcurrentHashMap<>();

    public AcmKeyAlgorithms(MotoPassThrough moto) {
        this.moto = moto;
    }

    /** RequestCertificate through {@code request} remembering the key asked for. */
    public Function<ProxiedRequest, ProxyReply> requests(Function<ProxiedRequest, ProxyReply> request) {
        return proxied -> {
            ProxyReply reply = request.apply(proxied);
            if (reply.status() == 200) {
                String asked = AcmReplies.json(proxied.body()).path("KeyAlgorithm").asText(DEFAULT);
                byArn.put(AcmReplies.json(reply.body()).path("CertificateArn").asText(), asked);
            }
            return reply;
        };
    }

    /** DescribeCertificate with the key algorithm the certificate was requested with. */
    public Function<ProxiedRequest, ProxyReply> describes() {
        return request -> {
            ProxyReply reply = moto.forward(request);
            if (reply.status() != 200) {
                return reply;
            }
            ObjectNode document = (ObjectNode) AcmReplies.json(reply.body());
            ObjectNode certificate = (ObjectNode) document.path("Certificate");
            String requested = byArn.getOrDefault(certificate.path("CertificateArn").asText(), DEFAULT);
            certificate.put("KeyAlgorithm", answered(requested));
            return AcmReplies.replaced(reply, document);
        };
    }

    /** ListCertificates filtered by the key types asked for, as ACM filters them (RSA_2048 when none are named). */
    public Function<ProxiedRequest, ProxyReply> lists() {
        return request -> {
            ObjectNode body = (ObjectNode) AcmReplies.json(request.body());
            Set<String> wanted = new HashSet<>();
            body.path("Includes").path("keyTypes").forEach(type -> wanted.add(type.asText()));
            if (wanted.isEmpty()) {
                wanted.add(DEFAULT);
            }
            if (body.path("Includes").isObject()) {
                ((ObjectNode) body.path("Includes")).remove("keyTypes");
            }
            ProxyReply reply = moto.forward(new ProxiedRequest(request.method(), request.pathAndQuery(),
                request.headers(), body.toString().getBytes(StandardCharsets.UTF_8), request.call()));
            if (reply.status() != 200) {
                return reply;
            }
            ObjectNode document = (ObjectNode) AcmReplies.json(reply.body());
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode summary : document.path("CertificateSummaryList")) {
                String key = byArn.getOrDefault(summary.path("CertificateArn").asText(), DEFAULT);
                if (wanted.contains(key)) {
                    kept.add(((ObjectNode) summary).put("KeyAlgorithm", answered(key)));
                }
            }
            document.set("CertificateSummaryList", kept);
            return AcmReplies.replaced(reply, document);
        };
    }

    /** {@code RSA_2048} as ACM answers it: {@code RSA-2048}. */
    private static String answered(String requested) {
        return requested.replace('_', '-');
    }
}
