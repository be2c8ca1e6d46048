package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ACM answers a test scripts in the fault proxy, made from the answers behind it (moto through the conformance
 * layer): a certificate ACM keeps validating, a broken answer. What ACM does and moto does not (key algorithms,
 * delays, certificates in use) is the conformance layer's, not these.
 */
public final class AcmReplies {

    private AcmReplies() {
    }

    /**
     * DescribeCertificate while ACM is still validating: moto issues as soon as its validation wait is over, real
     * ACM only once it has seen the records (and never, when delegation is broken).
     */
    public static Function<ProxiedRequest, ProxyReply> stillValidating(MotoPassThrough moto) {
        return request -> rewrite(moto.forward(request), certificate -> {
            certificate.put("Status", "PENDING_VALIDATION");
            certificate.remove(List.of("IssuedAt", "NotBefore", "NotAfter"));
            certificate.path("DomainValidationOptions")
                .forEach(option -> ((ObjectNode) option).put("ValidationStatus", "PENDING_VALIDATION"));
        });
    }

    /**
     * DescribeCertificate without the certificate's Status: ACM always sends one, so the step that reads it fails
     * as a bug in the step would.
     */
    public static Function<ProxiedRequest, ProxyReply> withoutStatus(MotoPassThrough moto) {
        return request -> rewrite(moto.forward(request), certificate -> certificate.remove("Status"));
    }

    /**
     * DescribeCertificate of a certificate ACM failed at the request ({@code Status: FAILED} with {@code reason} as
     * its FailureReason): moto never fails a request. ACM gives such a certificate no ResourceRecord (ACM's
     * troubleshooting guide: a failed request cannot be resubmitted, only requested anew), so none is left here.
     */
    public static Function<ProxiedRequest, ProxyReply> failedAtRequest(MotoPassThrough moto, String reason) {
        return request -> rewrite(moto.forward(request), certificate -> {
            certificate.put("Status", "FAILED");
            certificate.put("FailureReason", reason);
            certificate.path("DomainValidationOptions").forEach(option -> {
                ((ObjectNode) option).put("ValidationStatus", "FAILED");
                ((ObjectNode) option).remove("ResourceRecord");
            });
        });
    }

    /** A 200 answer that is not the service's JSON at all: what a broken middlebox or a bug would give. */
    public static Function<ProxiedRequest, ProxyReply> garbage() {
        return request -> ProxyReply.of(200, "application/x-amz-json-1.1", "<html>gateway says hello</html>");
    }

    private static ProxyReply rewrite(ProxyReply reply, Consumer<ObjectNode> change) {
        return reply.withJson(document -> change.accept((ObjectNode) document.path("Certificate")));
    }
}
