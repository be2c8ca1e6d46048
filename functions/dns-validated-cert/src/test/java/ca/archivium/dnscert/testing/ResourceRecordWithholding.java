package ca.archivium.dnscert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How much of a DescribeCertificate answer to hide. Right after RequestCertificate, ACM answers with
 * {@code DomainValidationOptions} whose {@code ResourceRecord} is missing for some or all names for a few seconds.
 */
public enum ResourceRecordWithholding {
    /** No name has its ResourceRecord yet. */
    ALL(0),
    /** Only the first name has its ResourceRecord: a partial answer. */
    ALL_BUT_FIRST(1);

    private final int namesKept;

    ResourceRecordWithholding(int namesKept) {
        this.namesKept = namesKept;
    }

    /** The reply without the withheld records; replies that are not a described certificate pass unchanged. */
    public ProxyReply applyTo(ProxyReply reply) {
        return reply.withJson(document -> {
            JsonNode options = document.path("Certificate").path("DomainValidationOptions");
            for (int i = namesKept; i < options.size(); i++) {
                ((ObjectNode) options.get(i)).remove("ResourceRecord");
            }
        });
    }
}
