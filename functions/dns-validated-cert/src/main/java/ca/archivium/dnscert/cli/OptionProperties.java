package ca.archivium.dnscert.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code provision} as the resource's properties, so that {@code PropertyParser} checks them with
 * exactly the resource's rules; and the resource's messages (the parser's, the FAILED reasons) back in option terms
 * ({@code SubjectAlternativeNames[1]} becomes {@code --san[1]}, counted from 0 as the resource counts;
 * {@code ServiceTimeout} becomes {@code --timeout}). Pure.
 */
final class OptionProperties {
    private static final Pattern PROPERTY = Pattern.compile(
        "\\b(SubjectAlternativeNames|DomainValidationOptions|Tags)(?:\\[(\\d+)](?:\\.(DomainName|HostedZoneId|Key|Value))?)?"
            + "|\\b(DomainName|Region|HostedZoneRoleArn|HostedZoneRoleExternalId|KeyAlgorithm|ServiceTimeout)\\b");
    private static final Map<String, String> OPTIONS = Map.of(
        "SubjectAlternativeNames", "--san",
        "DomainValidationOptions", "--zone",
        "Tags", "--tag",
        "DomainName", "--domain",
        "Region", "--region",
        "HostedZoneRoleArn", "--hosted-zone-role-arn",
        "HostedZoneRoleExternalId", "--external-id",
        "KeyAlgorithm", "--key-algorithm",
        "ServiceTimeout", "--timeout");
    private static final Map<String, String> PARTS = Map.of(
        "DomainName", "NAME", "HostedZoneId", "ZONE_ID", "Key", "KEY", "Value", "VALUE");

    private OptionProperties() {
    }

    /**
     * The resource properties the options stand for. Reuse is on unless {@code --no-reuse}.
     *
     * @throws BadArgumentsException for a {@code --zone} or {@code --tag} that is not NAME=VALUE
     */
    static Map<String, Object> of(Arguments args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        args.value("--domain").ifPresent(v -> properties.put("DomainName", v));
        if (!args.values("--san").isEmpty()) {
            properties.put("SubjectAlternativeNames", args.values("--san"));
        }
        args.value("--region").ifPresent(v -> properties.put("Region", v));
        args.value("--hosted-zone-role-arn").ifPresent(v -> properties.put("HostedZoneRoleArn", v));
        args.value("--external-id").ifPresent(v -> properties.put("HostedZoneRoleExternalId", v));
        args.value("--key-algorithm").ifPresent(v -> properties.put("KeyAlgorithm", v));
        List<Map<String, String>> zones = new ArrayList<>();
        for (String zone : args.values("--zone")) {
            String[] pair = pair("--zone", zone, "NAME=ZONE_ID", false);
            zones.add(Map.of("DomainName", pair[0], "HostedZoneId", pair[1]));
        }
        if (!zones.isEmpty()) {
            properties.put("DomainValidationOptions", zones);
        }
        List<Map<String, String>> tags = new ArrayList<>();
        for (String tag : args.values("--tag")) {
            String[] pair = pair("--tag", tag, "KEY=VALUE", true);
            tags.add(Map.of("Key", pair[0], "Value", pair[1]));
        }
        if (!tags.isEmpty()) {
            properties.put("Tags", tags);
        }
        properties.put("WaitForIssuance", !args.flag("--no-wait"));
        properties.put("ReuseExistingCertificate", !args.flag("--no-reuse"));
        return properties;
    }

    /** A property parser message with every property path replaced by the option that gave it. */
    static String inOptionTerms(String message) {
        Matcher matcher = PROPERTY.matcher(message);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(4) != null) {
                replacement = OPTIONS.get(matcher.group(4));
            } else {
                replacement = OPTIONS.get(matcher.group(1))
                    + (matcher.group(2) == null ? "" : "[" + matcher.group(2) + "]")
                    + (matcher.group(3) == null ? "" : " " + PARTS.get(matcher.group(3)));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String[] pair(String option, String text, String shape, boolean emptyValueAllowed) {
        int equals = text.indexOf('=');
        if (equals <= 0 || (!emptyValueAllowed && equals == text.length() - 1)) {
            throw new BadArgumentsException(option + " '" + text + "' is not " + shape);
        }
        return new String[] {text.substring(0, equals), text.substring(equals + 1)};
    }
}
