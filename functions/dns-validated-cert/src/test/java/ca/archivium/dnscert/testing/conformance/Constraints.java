package ca.archivium.dnscert.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The checks AWS's request validation makes against a service model before an operation runs, with the failures
 * worded as AWS words them in a {@code ValidationException} (JSON), {@code ValidationError} (query) or
 * {@code InvalidInput} (Route 53's URI and query string):
 *
 * <pre>
 * 1 validation error detected: Value 'a#b' at 'tags.1.member.value' failed to satisfy constraint:
 *     Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:\/=+\-@]*
 * </pre>
 *
 * <ul>
 *   <li>A path names members with their first letter in lower case, joined with dots ({@code sAMLOptions} keeps
 *       the rest as written); an element of a list of structures is {@code <list>.<n>.member}, counted from 1.</li>
 *   <li>A pattern must match the whole value: AWS refuses {@code 'MOJ D&T Cybersecurity'} at
 *       {@code tags.10.member.value} for {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]*}, which matches an empty prefix of any
 *       value (ministryofjustice/cloud-platform-environments PR #22667; terraform-aws-modules/terraform-aws-acm
 *       #93 for ACM).</li>
 *   <li>A list of strings whose element fails is reported once, on the list, with every constraint of the element:
 *       {@code Value '[ccc]' at 'subjectAlternativeNames' failed to satisfy constraint: Member must satisfy
 *       constraint: [Member must have length less than or equal to 253, Member must have length greater than or
 *       equal to 1, Member must satisfy regular expression pattern: ...]} (a RequestCertificate refusal quoted in
 *       awslabs/aws-cloudfront-extensions, docs/en/api-reference-guide/ssl-certificates/list-ssl_jobs.md); a map
 *       the same way, {@code Map value must satisfy constraint: [...]} (cloud-custodian/cloud-custodian #2520).</li>
 *   <li>A missing required member is {@code Value null at '...' failed to satisfy constraint: Member must not be
 *       null} (serverless/serverless #2036); a sensitive member's value is left out, {@code Value at 'password'}
 *       (Cognito, quoted in public code).</li>
 *   <li>Several failures: {@code N validation errors detected: } and the failures joined with {@code "; "}
 *       (IAM's {@code tags.1.member.key} and {@code tags.1.member.value} in one message, quoted in public code).
 *       The order in which AWS lists them is not the model's order (the ACM refusal above lists
 *       {@code subjectAlternativeNames} before {@code domainName}) and is not reproduced: the model's order is.</li>
 * </ul>
 */
final class Constraints {
    private Constraints() {
    }

    /**
     * One failed constraint.
     *
     * @param path       where, in AWS's path form
     * @param value      the value as AWS shows it, or empty for a missing member
     * @param sensitive  true when the value must not be shown
     * @param constraint AWS's wording of the constraint ({@code Member must not be null})
     */
    record Violation(String path, Optional<String> value, boolean sensitive, String constraint) {

        /** {@code Value 'x' at 'path' failed to satisfy constraint: ...}. */
        String message() {
            String shown = sensitive ? "Value" : value.map(v -> "Value '" + v + "'").orElse("Value null");
            return shown + " at '" + path + "' failed to satisfy constraint: " + constraint;
        }
    }

    /** AWS's whole message for these failures. */
    static String message(List<Violation> violations) {
        StringJoiner joined = new StringJoiner("; ", violations.size() + (violations.size() == 1
            ? " validation error detected: " : " validation errors detected: "), "");
        violations.forEach(v -> joined.add(v.message()));
        return joined.toString();
    }

    /** Every failure of {@code value} (a request's members as a tree) against the structure {@code shape}. */
    static List<Violation> check(ServiceModel model, Shape shape, JsonNode value) {
        List<Violation> violations = new ArrayList<>();
        structure(model, shape, value, "", violations);
        return violations;
    }

    /** Every failure of one member, checked on its own (a URI label, a query parameter) under {@code path}. */
    static List<Violation> checkMember(ServiceModel model, Shape shape, JsonNode value, String path) {
        List<Violation> violations = new ArrayList<>();
        check(model, shape, value, path, violations);
        return violations;
    }

    /** A member's name in a path: its first letter in lower case. */
    static String pathName(String member) {
        return member.isEmpty() ? member : member.substring(0, 1).toLowerCase(Locale.ROOT) + member.substring(1);
    }

    private static void structure(ServiceModel model, Shape shape, JsonNode value, String path, List<Violation> out) {
        for (Map.Entry<String, Shape.Member> entry : shape.members().entrySet()) {
            String memberPath = (path.isEmpty() ? "" : path + ".") + pathName(entry.getKey());
            JsonNode member = value == null ? null : value.get(entry.getKey());
            Shape memberShape = model.shape(entry.getValue().shape());
            if (member == null || member.isNull()) {
                if (shape.required().contains(entry.getKey())) {
                    out.add(new Violation(memberPath, Optional.empty(), false, "Member must not be null"));
                }
                continue;
            }
            check(model, memberShape, member, memberPath, out);
        }
    }

    private static void check(ServiceModel model, Shape shape, JsonNode value, String path, List<Violation> out) {
        if (shape.structure()) {
            structure(model, shape, value, path, out);
        } else if (shape.list()) {
            list(model, shape, value, path, out);
        } else if (shape.map()) {
            map(model, shape, value, path, out);
        } else {
            for (String constraint : failedScalar(shape, value)) {
                out.add(new Violation(path, Optional.of(scalarText(value)), shape.sensitive(), constraint));
            }
        }
    }

    private static void list(ServiceModel model, Shape shape, JsonNode value, String path, List<Violation> out) {
        int size = value.size();
        lengthFailures(shape, size).forEach(c -> out.add(new Violation(path, Optional.of(rendered(value)), false, c)));
        Shape element = model.shape(shape.element().shape());
        if (element.structure() || element.list() || element.map()) {
            int index = 1;
            for (JsonNode item : value) {
                check(model, element, item, path + "." + index + ".member", out);
                index++;
            }
            return;
        }
        for (JsonNode item : value) {
            if (!failedScalar(element, item).isEmpty()) {
                out.add(new Violation(path, Optional.of(rendered(value)), element.sensitive(),
                    "Member must satisfy constraint: " + everyConstraint(element)));
                return;
            }
        }
    }

    private static void map(ServiceModel model, Shape shape, JsonNode value, String path, List<Violation> out) {
        lengthFailures(shape, value.size())
            .forEach(c -> out.add(new Violation(path, Optional.of(rendered(value)), false, c)));
        Shape key = model.shape(shape.key().shape());
        Shape entryValue = model.shape(shape.value().shape());
        boolean keyFails = false;
        boolean valueFails = false;
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            keyFails |= !failedScalar(key, com.fasterxml.jackson.databind.node.TextNode.valueOf(entry.getKey())).isEmpty();
            if (entryValue.structure() || entryValue.list() || entryValue.map()) {
                check(model, entryValue, entry.getValue(), path + "." + entry.getKey(), out);
            } else {
                valueFails |= !failedScalar(entryValue, entry.getValue()).isEmpty();
            }
        }
        if (keyFails) {
            out.add(new Violation(path, Optional.of(rendered(value)), key.sensitive(),
                "Map keys must satisfy constraint: " + everyConstraint(key)));
        }
        if (valueFails) {
            out.add(new Violation(path, Optional.of(rendered(value)), entryValue.sensitive(),
                "Map value must satisfy constraint: " + everyConstraint(entryValue)));
        }
    }

    /** The constraints a scalar value fails, in AWS's words: length or range, then pattern, then enum. */
    static List<String> failedScalar(Shape shape, JsonNode value) {
        List<String> failed = new ArrayList<>();
        if (shape.numeric()) {
            Optional<BigDecimal> number = number(value);
            if (number.isPresent()) {
                shape.max().filter(max -> number.get().compareTo(BigDecimal.valueOf(max)) > 0)
                    .ifPresent(max -> failed.add("Member must have value less than or equal to " + max));
                shape.min().filter(min -> number.get().compareTo(BigDecimal.valueOf(min)) < 0)
                    .ifPresent(min -> failed.add("Member must have value greater than or equal to " + min));
            }
            return failed;
        }
        if (shape.type().equals("blob")) {
            failed.addAll(lengthFailures(shape, blobLength(value)));
            return failed;
        }
        if (!shape.type().equals("string")) {
            return failed;
        }
        String text = value.asText();
        failed.addAll(lengthFailures(shape, text.length()));
        shape.pattern().filter(p -> !p.matcher(text).matches())
            .ifPresent(p -> failed.add("Member must satisfy regular expression pattern: " + p.pattern()));
        if (!shape.values().isEmpty() && !shape.values().contains(text)) {
            failed.add("Member must satisfy enum value set: " + shape.values());
        }
        return failed;
    }

    private static List<String> lengthFailures(Shape shape, long length) {
        List<String> failed = new ArrayList<>();
        shape.max().filter(max -> length > max)
            .ifPresent(max -> failed.add("Member must have length less than or equal to " + max));
        shape.min().filter(min -> length < min)
            .ifPresent(min -> failed.add("Member must have length greater than or equal to " + min));
        return failed;
    }

    /** Every constraint of an element shape, as AWS lists them for a list or map whose element fails. */
    private static String everyConstraint(Shape shape) {
        List<String> all = new ArrayList<>();
        String unit = shape.numeric() ? "value" : "length";
        shape.max().ifPresent(max -> all.add("Member must have " + unit + " less than or equal to " + max));
        shape.min().ifPresent(min -> all.add("Member must have " + unit + " greater than or equal to " + min));
        shape.pattern().map(Pattern::pattern).ifPresent(p -> all.add("Member must satisfy regular expression pattern: " + p));
        if (!shape.values().isEmpty()) {
            all.add("Member must satisfy enum value set: " + shape.values());
        }
        return all.toString();
    }

    private static Optional<BigDecimal> number(JsonNode value) {
        try {
            return Optional.of(value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static long blobLength(JsonNode value) {
        try {
            return Base64.getMimeDecoder().decode(value.asText()).length;
        } catch (IllegalArgumentException notBase64) {
            return value.asText().length();
        }
    }

    private static String scalarText(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** A list or map as AWS shows it, as Java prints collections: {@code [a, b]}, {@code {k=v}}. */
    private static String rendered(JsonNode value) {
        if (value.isArray()) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            value.forEach(item -> items.add(rendered(item)));
            return items.toString();
        }
        if (value.isObject()) {
            StringJoiner entries = new StringJoiner(", ", "{", "}");
            value.fields().forEachRemaining(e -> entries.add(e.getKey() + "=" + rendered(e.getValue())));
            return entries.toString();
        }
        return value.asText();
    }
}
