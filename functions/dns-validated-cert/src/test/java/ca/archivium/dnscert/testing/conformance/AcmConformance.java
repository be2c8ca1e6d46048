package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ACM as AWS answers it, over moto's ACM: what moto leaves out or answers in another shape, each with its source.
 *
 * <ul>
 *   <li><b>Key algorithms.</b> Requests and the {@code keyTypes} filter spell {@code RSA_2048},
 *       {@code EC_prime256v1}, {@code EC_secp384r1}; {@code DescribeCertificate} and {@code ListCertificates} answer
 *       {@code RSA-2048}, {@code EC-prime256v1}, {@code EC-secp384r1} (the AWS CLI's example output of
 *       {@code acm describe-certificate}, aws/aws-cli {@code awscli/examples/acm/describe-certificate.rst};
 *       terraform-provider-aws, {@code internal/service/acm/certificate.go}: "ACM DescribeCertificate returns
 *       hyphenated string values instead of underscore separated"). moto makes every certificate {@code RSA_2048}
 *       whatever was asked: the layer remembers what each request asked for.</li>
 *   <li><b>The {@code keyTypes} filter.</b> Without it {@code ListCertificates} returns only {@code RSA_1024} and
 *       {@code RSA_2048} certificates (the model's documentation of {@code Filters.keyTypes}); with it, the types
 *       named. Applied to what each certificate was requested with.</li>
 *   <li><b>Delays.</b> {@link ConformanceTiming}: not found for a while after the request, then records name by
 *       name; {@code PENDING_VALIDATION} until every record is out (ACM cannot have validated a name whose record it
 *       has not yet given).</li>
 *   <li><b>Summaries</b> of {@code ListCertificates} carry only the members of the model's {@code CertificateSummary};
 *       moto adds {@code Issuer}, {@code Serial}, {@code Subject}, {@code SignatureAlgorithm},
 *       {@code SubjectAlternativeNames}, {@code Options} and {@code DomainValidationOptions} from the detail.</li>
 *   <li><b>While pending</b> a certificate has no {@code Serial}, {@code IssuedAt}, {@code NotBefore} or
 *       {@code NotAfter} (they describe an issued certificate: the model's documentation of
 *       {@code CertificateDetail}); moto sends them from the request on. <b>Once issued</b> it lasts
 *       {@link #LIFETIME}, ACM's 198 days; moto's last a year.</li>
 *   <li><b>The quota of names.</b> A request with more names than the account's quota, "Domain names per ACM
 *       certificate", 10 unless raised (the model's documentation of {@code SubjectAlternativeNames}: "the initial
 *       quota is 10 domain names"), is refused with {@code LimitExceededException: Certificate has too many
 *       domains.} (hashicorp/terraform-provider-aws #35825; #40974 for 12 names on the default quota).</li>
 *   <li><b>The idempotency token.</b> A request repeating a token of the last hour gets the first request's
 *       certificate back, whatever else it carries (the model's documentation of {@code IdempotencyToken}: "Idempotency
 *       tokens time out after one hour"; with other parameters the same is unconfirmed). moto gives it back only when
 *       the tags are equal too, counts the hour in real time, and fails with HTTP 500 once that certificate is
 *       deleted, so the layer keeps the tokens and moto never sees one. Once the certificate is deleted the token is
 *       forgotten: what ACM answers then is not documented.</li>
 *   <li><b>Scripted by tests</b>: a certificate ACM fails at request ({@code FAILED}, a {@code FailureReason}, no
 *       records ever), a certificate in use ({@code InUseBy}, and {@code DeleteCertificate} refused with
 *       {@code ResourceInUseException: Certificate <arn> in account <id> is in use.}, the message quoted in public
 *       Terraform logs), the renewal fields moto never fills ({@link Renewal}).</li>
 * </ul>
 */
public final class AcmConformance {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The quota "Domain names per ACM certificate" until raised. */
    public static final int DEFAULT_DOMAIN_NAME_QUOTA = 10;
    private static final List<String> DEFAULT_KEY_TYPES = List.of("RSA_1024", "RSA_2048");
    /**
     * How long a public certificate ACM issues lasts: 198 days since February 2026 (ACM User Guide, "Concepts";
     * CA/Browser Forum ballot SC-081 allows at most 200 days from 15 March 2026).
     */
    public static final Duration LIFETIME = Duration.ofDays(198);
    private static final List<String> ISSUED_ONLY = List.of("Serial", "IssuedAt", "NotBefore", "NotAfter");
    private static final String PAGE_TOKEN = "conformance-page-";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final ServiceModel model;
    private final AwsTime time;
    private final Supplier<ConformanceTiming> timing;
    private final Map<String, Requested> certificates = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> failuresByName = new ConcurrentHashMap<>();
    private final Map<String, List<String>> inUseBy = new ConcurrentHashMap<>();
    private final Map<String, Renewal> renewals = new ConcurrentHashMap<>();
    private volatile int domainNameQuota = DEFAULT_DOMAIN_NAME_QUOTA;
    private volatile Duration validationTakes = Duration.ZERO;

    /**
     * What the layer knows of one requested certificate.
     *
     * @param arn          its ARN
     * @param requestedAt  when, in {@link AwsTime}
     * @param keyAlgorithm what the request asked for, in the request's spelling
     * @param names        its names, the domain name first, in lower case, each once
     * @param failure      the FailureReason ACM gives it at once, when a test scripted one
     */
    private record Requested(String arn, Duration requestedAt, String keyAlgorithm, List<String> names,
                             Optional<String> failure) {
    }

    /** A request's idempotency token: the certificate it gave, and when, in {@link AwsTime}. */
    private record Token(String arn, Duration givenAt) {
    }

    AcmConformance(ServiceModel model, AwsTime time, Supplier<ConformanceTiming> timing) {
        this.model = model;
        this.time = time;
        this.timing = timing;
    }

    /**
     * ACM fails at once every certificate requested with {@code name} among its names: {@code Status: FAILED},
     * this {@code FailureReason} ({@code DOMAIN_NOT_ALLOWED}, {@code INVALID_PUBLIC_DOMAIN},
     * {@code ADDITIONAL_VERIFICATION_REQUIRED}, {@code CAA_ERROR}, ...), and no validation record ever.
     */
    public void failRequestsNaming(String name, String failureReason) {
        if (!model.shape("FailureReason").values().contains(failureReason)) {
            throw new IllegalArgumentException(failureReason + " is not one of ACM's FailureReason values "
                + model.shape("FailureReason").values());
        }
        failuresByName.put(name.toLowerCase(Locale.ROOT), failureReason);
    }

    /**
     * ACM validates a name only once it finds the record in public DNS (ACM User Guide, "DNS validation"), some time
     * after it gave the record; moto issues when its own wait, counted from the request, is over. From now on, no
     * certificate is {@code ISSUED} sooner than this after its last record appeared, whatever moto says.
     */
    public void validationTakes(Duration afterTheLastRecord) {
        validationTakes = afterTheLastRecord;
    }

    /** The account's quota "Domain names per ACM certificate" (10 until raised; at most 100). */
    public void domainNamesPerCertificate(int quota) {
        domainNameQuota = quota;
    }

    /**
     * The certificate is attached to these resources (load balancers, distributions): {@code InUseBy} names them and
     * {@code DeleteCertificate} is refused with {@code ResourceInUseException}. An empty list detaches it.
     */
    public void attach(String arn, List<String> users) {
        if (users.isEmpty()) {
            inUseBy.remove(arn);
        } else {
            inUseBy.put(arn, List.copyOf(users));
        }
    }

    /** The renewal fields the certificate's descriptions carry from now on. */
    public void renewal(String arn, Renewal renewal) {
        renewals.put(arn, renewal);
    }

    void reset() {
        certificates.clear();
        tokens.clear();
        failuresByName.clear();
        inUseBy.clear();
        renewals.clear();
        domainNameQuota = DEFAULT_DOMAIN_NAME_QUOTA;
        validationTakes = Duration.ZERO;
    }

    /** Answers the request as ACM would, asking moto where moto's answer (reshaped) is ACM's. */
    ProxyReply handle(ModelledRequest request, ProxiedRequest raw, Upstream moto) throws IOException {
        String arn = request.members().path("CertificateArn").asText("");
        return switch (request.operationName()) {
            case "RequestCertificate" -> request(request, raw, moto);
            case "DescribeCertificate" -> notYetKnown(arn).orElseGet(() -> forward(moto, raw).withJson(this::describe));
            case "ListTagsForCertificate", "GetCertificate" -> notYetKnown(arn).orElseGet(() -> forward(moto, raw));
            case "ListCertificates" -> list(request, raw, moto);
            case "DeleteCertificate" -> delete(arn, raw, moto);
            default -> moto.forward(raw);
        };
    }

    private ProxyReply request(ModelledRequest request, ProxiedRequest raw, Upstream moto) throws IOException {
        JsonNode members = request.members();
        String token = members.path("IdempotencyToken").asText("");
        Token given = token.isEmpty() ? null : tokens.get(token);
        if (given != null && time.now().minus(given.givenAt()).compareTo(TOKEN_LIFETIME) < 0
            && certificates.containsKey(given.arn())) {
            return ProxyReply.of(200, "application/x-amz-json-1.1",
                JSON.createObjectNode().put("CertificateArn", given.arn()).toString());
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(members.path("DomainName").asText().toLowerCase(Locale.ROOT));
        members.path("SubjectAlternativeNames").forEach(n -> names.add(n.asText().toLowerCase(Locale.ROOT)));
        if (names.size() > domainNameQuota) {
            return AwsError.of(model, 400, "LimitExceededException", "Certificate has too many domains.").reply();
        }
        ObjectNode withoutToken = ((ObjectNode) json(raw.body())).without("IdempotencyToken");
        ProxyReply reply = moto.forward(withBody(raw, withoutToken));
        if (reply.status() == 200) {
            String arn = json(reply.body()).path("CertificateArn").asText();
            Optional<String> failure = names.stream().map(failuresByName::get).filter(java.util.Objects::nonNull)
                .findFirst();
            certificates.put(arn, new Requested(arn, time.now(),
                members.path("KeyAlgorithm").asText("RSA_2048"), List.copyOf(names), failure));
            if (!token.isEmpty()) {
                tokens.put(token, new Token(arn, time.now()));
            }
        }
        return reply;
    }

    private Optional<ProxyReply> notYetKnown(String arn) {
        Requested requested = certificates.get(arn);
        if (requested == null || !time.now().minus(requested.requestedAt()).minus(timing.get().visibleAfter())
                .isNegative()) {
            return Optional.empty();
        }
        return Optional.of(notFound(arn));
    }

    private ProxyReply delete(String arn, ProxiedRequest raw, Upstream moto) throws IOException {
        if (inUseBy.containsKey(arn)) {
            return AwsError.of(model, 400, "ResourceInUseException",
                "Certificate " + arn + " in account " + accountOf(arn) + " is in use.").reply();
        }
        ProxyReply reply = moto.forward(raw);
        if (reply.status() == 200) {
            certificates.remove(arn);
            tokens.values().removeIf(token -> token.arn().equals(arn));
            renewals.remove(arn);
        }
        return reply;
    }

    private ProxyReply notFound(String arn) {
        return AwsError.of(model, 400, "ResourceNotFoundException",
            "Could not find certificate " + arn + " in account " + accountOf(arn) + ".").reply();
    }

    private void describe(ObjectNode document) {
        ObjectNode certificate = (ObjectNode) document.path("Certificate");
        String arn = certificate.path("CertificateArn").asText();
        Requested requested = certificates.get(arn);
        certificate.put("KeyAlgorithm", answerSpelling(requested == null
            ? certificate.path("KeyAlgorithm").asText("RSA_2048") : requested.keyAlgorithm()));
        ArrayNode validations = (ArrayNode) certificate.path("DomainValidationOptions");
        String status = status(requested, certificate.path("Status").asText());
        if (requested != null && requested.failure().isPresent()) {
            certificate.put("FailureReason", requested.failure().get());
        }
        for (JsonNode item : validations) {
            ObjectNode validation = (ObjectNode) item;
            String name = validation.path("DomainName").asText().toLowerCase(Locale.ROOT);
            if (requested != null && (requested.failure().isPresent() || !published(requested, name))) {
                validation.remove("ResourceRecord");
            }
            if (!status.equals(certificate.path("Status").asText())) {
                validation.put("ValidationStatus", status.equals("FAILED") ? "FAILED" : "PENDING_VALIDATION");
            }
        }
        certificate.put("Status", status);
        if (!status.equals("ISSUED")) {
            certificate.remove(ISSUED_ONLY);
        } else {
            lastsAsAcmIssues(certificate);
        }
        Optional.ofNullable(inUseBy.get(arn)).ifPresent(users -> {
            ArrayNode list = certificate.putArray("InUseBy");
            users.forEach(list::add);
        });
        Optional.ofNullable(renewals.get(arn)).ifPresent(renewal -> renewal.applyTo(certificate));
    }

    /** An issued certificate's {@code NotAfter}, {@link #LIFETIME} after its {@code NotBefore}; moto gives a year. */
    private static void lastsAsAcmIssues(ObjectNode certificate) {
        if (certificate.path("NotBefore").isNumber()) {
            certificate.put("NotAfter", certificate.path("NotBefore").asDouble() + LIFETIME.toSeconds());
        }
    }

    private ProxyReply list(ModelledRequest request, ProxiedRequest raw, Upstream moto) throws IOException {
        ObjectNode asked = request.members().deepCopy();
        List<String> keyTypes = new ArrayList<>();
        asked.path("Includes").path("keyTypes").forEach(t -> keyTypes.add(t.asText()));
        List<String> statuses = new ArrayList<>();
        asked.path("CertificateStatuses").forEach(s -> statuses.add(s.asText()));
        int maxItems = asked.path("MaxItems").asInt(Integer.MAX_VALUE);
        int from = asked.path("NextToken").asText("").startsWith(PAGE_TOKEN)
            ? Integer.parseInt(asked.path("NextToken").asText().substring(PAGE_TOKEN.length())) : 0;
        // moto filters on its own idea of each certificate (RSA_2048, issued once its wait is over): ask it for all
        // of them, then filter and page here.
        ObjectNode all = asked.deepCopy();
        all.remove(List.of("CertificateStatuses", "MaxItems", "NextToken"));
        if (all.path("Includes").isObject()) {
            ((ObjectNode) all.path("Includes")).remove("keyTypes");
            if (all.path("Includes").isEmpty()) {
                all.remove("Includes");
            }
        }
        ProxyReply reply = moto.forward(withBody(raw, all));
        if (reply.status() != 200) {
            return reply;
        }
        List<String> wantedTypes = keyTypes.isEmpty() ? DEFAULT_KEY_TYPES : keyTypes;
        return reply.withJson(document -> {
            List<JsonNode> kept = new ArrayList<>();
            for (JsonNode summary : document.path("CertificateSummaryList")) {
                String arn = summary.path("CertificateArn").asText();
                Requested requested = certificates.get(arn);
                String key = requested == null ? requestSpelling(summary.path("KeyAlgorithm").asText("RSA_2048"))
                    : requested.keyAlgorithm();
                String status = status(requested, summary.path("Status").asText());
                if (wantedTypes.contains(key) && (statuses.isEmpty() || statuses.contains(status))) {
                    ObjectNode shown = ((ObjectNode) summary).put("KeyAlgorithm", answerSpelling(key)).put("Status", status);
                    // moto's summaries carry members of the certificate's detail; a CertificateSummary has none of them.
                    shown.retain(model.shape("CertificateSummary").members().keySet());
                    if (!status.equals("ISSUED")) {
                        shown.remove(ISSUED_ONLY);
                    } else {
                        lastsAsAcmIssues(shown);
                    }
                    Optional.ofNullable(inUseBy.get(arn)).ifPresent(users -> shown.put("InUse", true));
                    kept.add(shown);
                }
            }
            ArrayNode page = document.putArray("CertificateSummaryList");
            kept.stream().skip(from).limit(maxItems).forEach(page::add);
            document.remove("NextToken");
            if ((long) from + maxItems < kept.size()) {
                document.put("NextToken", PAGE_TOKEN + (from + maxItems));
            }
        });
    }


    /** The status ACM shows: failed as scripted, pending until every record is out, else moto's. */
    private String status(Requested requested, String motoStatus) {
        if (requested == null) {
            return motoStatus;
        }
        if (requested.failure().isPresent()) {
            return "FAILED";
        }
        int names = requested.names().size();
        Duration validated = timing.get().recordAfter(names - 1, names).plus(validationTakes);
        boolean beforeValidation = time.now().minus(requested.requestedAt()).minus(validated).isNegative();
        return beforeValidation && motoStatus.equals("ISSUED") ? "PENDING_VALIDATION" : motoStatus;
    }

    /** True once ACM gives the record of {@code name}: names in the order requested, spread over the interval. */
    private boolean published(Requested requested, String name) {
        int index = Math.max(0, requested.names().indexOf(name));
        Duration at = timing.get().recordAfter(index, requested.names().size());
        return !time.now().minus(requested.requestedAt()).minus(at).isNegative();
    }

    /** {@code RSA_2048} as ACM answers it: {@code RSA-2048}. */
    static String answerSpelling(String requestSpelling) {
        return requestSpelling.replaceFirst("_", "-");
    }

    /** {@code RSA-2048} as requests spell it: {@code RSA_2048}. */
    static String requestSpelling(String answered) {
        return answered.replaceFirst("-", "_");
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : "";
    }

    private static ProxyReply forward(Upstream moto, ProxiedRequest raw) {
        try {
            return moto.forward(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProxiedRequest withBody(ProxiedRequest request, JsonNode body) {
        try {
            return new ProxiedRequest(request.method(), request.pathAndQuery(), request.headers(),
                JSON.writeValueAsBytes(body), request.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("moto's ACM answered something that is not JSON", e);
        }
    }

    /**
     * The renewal fields of one certificate, which moto never fills: what ACM says of its managed renewal
     * ({@code RenewalEligibility}, {@code RenewalSummary}) and its validity ({@code NotAfter}).
     *
     * @param eligibility  {@code ELIGIBLE} or {@code INELIGIBLE}
     * @param status       the {@code RenewalSummary.RenewalStatus} ({@code PENDING_AUTO_RENEWAL},
     *                     {@code PENDING_VALIDATION}, {@code SUCCESS}, {@code FAILED}), or empty for no summary
     * @param reason       the {@code RenewalStatusReason} (a {@code FailureReason} value), if any
     * @param namesPending the names whose renewal validation is still {@code PENDING_VALIDATION}; the others are
     *                     {@code SUCCESS}
     * @param updatedAt    the summary's {@code UpdatedAt}
     * @param notBefore    the certificate's {@code NotBefore}, if the test sets it (moto's is the request's time)
     * @param notAfter     the certificate's {@code NotAfter}, if the test sets it (moto's is a year after the request)
     */
    public record Renewal(String eligibility, Optional<String> status, Optional<String> reason, Set<String> namesPending,
                          Instant updatedAt, Optional<Instant> notBefore, Optional<Instant> notAfter) {

        void applyTo(ObjectNode certificate) {
            certificate.put("RenewalEligibility", eligibility);
            notBefore.ifPresent(at -> certificate.put("NotBefore", at.toEpochMilli() / 1000.0));
            notAfter.ifPresent(at -> certificate.put("NotAfter", at.toEpochMilli() / 1000.0));
            if (status.isEmpty()) {
                certificate.remove("RenewalSummary");
                return;
            }
            ObjectNode summary = certificate.putObject("RenewalSummary");
            summary.put("RenewalStatus", status.get());
            ArrayNode validations = summary.putArray("DomainValidationOptions");
            for (JsonNode initial : certificate.path("DomainValidationOptions")) {
                ObjectNode validation = initial.deepCopy();
                validation.put("ValidationStatus", namesPending.contains(initial.path("DomainName").asText())
                    ? "PENDING_VALIDATION" : "SUCCESS");
                validations.add(validation);
            }
            reason.ifPresent(r -> summary.put("RenewalStatusReason", r));
            summary.put("UpdatedAt", updatedAt.toEpochMilli() / 1000.0);
        }
    }
}
