package ca.archivium.dnscert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How much of a DescribeCertificate answer to hide. Right after RequestCertificate, ACM answers with
 * {@code DomainValidationOptions} whose {@code ResourceRecord} is missing for some or all names for a few seconds.
 */
public enum ResourceRecordWithholding {
    /** No name has its ResourceRecord yet. */
    ALL(0),
    /** Only the first name has its ResourceRecord: a partial answer. */
    ALL_BUT_FIRST(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int namesKept;

    ResourceRecordWithholding(int namesKept) {
        this.namesKept = namesKept;
    }

    /** The reply without the withheld records; replies that are not a described certificate pass unchanged. */
    public ProxyReply applyTo(ProxyReply reply) {
        if (reply.status() != 200) {
            return reply;
        }
        try {
            JsonNode document = JSON.readTree(reply.body());
            JsonNode options = document.path("Certificate").path("DomainValidationOptions");
            for (int i = namesKept; i < options.size(); i++) {
                ((ObjectNode) options.get(i)).remove("ResourceRecord");
            }
            return new ProxyReply(reply.status(), reply.headers(), JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("DescribeCertificate answer is not JSON: " + reply.bodyText(), e);
        }
    }
}
