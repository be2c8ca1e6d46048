package ca.archivium.dnscert.config;

import ca.archivium.dnscert.aws.Partitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code ResourceProperties} of a {@code Custom::DnsValidatedCert} once, at the edge, into
 * {@link CertificateProperties}. CloudFormation sends every scalar as a string, so booleans accept
 * {@code "true"}/{@code "false"} as well as JSON booleans. Every error names the property.
 */
public final class PropertyParser {
    /** Properties CloudFormation itself adds or reads; accepted and otherwise ignored here. */
    private static final Set<String> CLOUDFORMATION_PROPERTIES = Set.of("ServiceToken", "ServiceTimeout");
    private static final Set<String> PROPERTIES = Set.of(
        "DomainName", "SubjectAlternativeNames", "Region", "HostedZoneRoleArn", "HostedZoneRoleExternalId",
        "DomainValidationOptions", "KeyAlgorithm", "CertificateExport", "CertificateTransparencyLoggingPreference", "Tags",
        "WaitForIssuance", "ReuseExistingCertificate", "CleanupValidationRecords", "DnsPreflight",
        "ValidationProblemTimeout");
    private static final Set<String> OVERRIDE_PROPERTIES =
        Set.of("DomainName", "HostedZoneId", "HostedZoneRoleArn", "HostedZoneRoleExternalId");
    private static final Set<String> TAG_PROPERTIES = Set.of("Key", "Value");

    /** ACM's own limit on the names of one certificate (its default quota is lower, and can be raised to this). */
    public static final int MAX_NAMES = 100;
    /**
     * The tags the resource keeps on a certificate it requests besides the zone tags: created-by and its own used-by
     * (see ARCHITECTURE.md, "How it works in depth").
     */
    public static final int OWN_TAGS = 2;
    /** ACM holds at most 50 tags per certificate, the resource's own among them. */
    public static final int MAX_TAGS = AcmTags.MAX_TAGS - OWN_TAGS;
    /** Prefix of the tags this resource writes for itself; users may not set them. */
    public static final String RESERVED_TAG_PREFIX = "dns-validated-cert:";
    /** Default of ValidationProblemTimeout: long enough for Route 53 to publish a change, far below ServiceTimeout. */
    public static final int DEFAULT_VALIDATION_PROBLEM_TIMEOUT = 300;
    private static final int MIN_VALIDATION_PROBLEM_TIMEOUT = 60;
    private static final int MAX_VALIDATION_PROBLEM_TIMEOUT = 3600;
    /** ACM limits the first name of a certificate (its subject CN) to 64 octets. */
    private static final int MAX_PRIMARY_NAME_LENGTH = 64;

    /**
     * An IAM role ARN: {@code arn:<partition>:iam::<account>:role/<path><name>}. STS's model (AssumeRole's RoleArn,
     * {@code arnType}) allows 20 to 2048 characters; IAM's ({@code pathType}, {@code roleNameType}) a path of
     * printable ASCII between slashes (at most 512 characters) and a name of 1 to 64 of {@code [\w+=,.@-]}.
     */
    private static final Pattern ROLE_ARN = Pattern.compile(
        "arn:(?<partition>[a-z-]+):iam::\\d{12}:role/(?<path>[\\x21-\\x7E]{0,510}/)?[\\w+=,.@-]{1,64}");
    private static final int MAX_ARN_LENGTH = 2048;
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");

    private PropertyParser() {
    }

    /**
     * Validates and normalises {@code properties}.
     *
     * @throws InvalidPropertyException for the first problem found, naming the property
     */
    public static CertificateProperties parse(Map<String, ?> properties) {
        if (properties == null) {
            throw new InvalidPropertyException("Properties", "are missing; DomainName is required");
        }
        rejectUnknown(properties.keySet(), union(PROPERTIES, CLOUDFORMATION_PROPERTIES), "");

        String domainName = DomainNames.normalize(requiredString(properties, "DomainName"), "DomainName");
        if (domainName.length() > MAX_PRIMARY_NAME_LENGTH) {
            throw new InvalidPropertyException("DomainName", "'" + domainName + "' is " + domainName.length()
                + " characters long; ACM limits the first name of a certificate to " + MAX_PRIMARY_NAME_LENGTH
                + " (put the longer name in SubjectAlternativeNames)");
        }
        List<String> alternatives = alternativeNames(properties.get("SubjectAlternativeNames"), domainName);
        if (alternatives.size() + 1 > MAX_NAMES) {
            throw new InvalidPropertyException("SubjectAlternativeNames", "a certificate has at most " + MAX_NAMES
                + " names in all; these give " + (alternatives.size() + 1));
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(domainName);
        names.addAll(alternatives);

        String region = optionalString(properties, "Region");
        if (region != null && Partitions.of(region).isEmpty()) {
            throw new InvalidPropertyException("Region", "'" + region + "' is not an AWS region name (such as us-east-1)");
        }
        String roleArn = roleArn(optionalString(properties, "HostedZoneRoleArn"), "HostedZoneRoleArn");
        String externalId = externalId(optionalString(properties, "HostedZoneRoleExternalId"), "HostedZoneRoleExternalId");
        if (externalId != null && roleArn == null) {
            throw new InvalidPropertyException("HostedZoneRoleExternalId", "is set but HostedZoneRoleArn is not");
        }
        return new CertificateProperties(
            domainName,
            alternatives,
            region,
            roleArn,
            externalId,
            overrides(properties.get("DomainValidationOptions"), names),
            keyAlgorithm(optionalString(properties, "KeyAlgorithm")),
            exportable(optionalString(properties, "CertificateExport")),
            transparencyOptOut(optionalString(properties, "CertificateTransparencyLoggingPreference")),
            tags(properties.get("Tags")),
            bool(properties, "WaitForIssuance", true),
            bool(properties, "ReuseExistingCertificate", false),
            bool(properties, "CleanupValidationRecords", false),
            dnsCheckMode(optionalString(properties, "DnsPreflight")),
            validationProblemTimeout(optionalString(properties, "ValidationProblemTimeout")));
    }

    private static List<String> alternativeNames(Object value, String domainName) {
        if (value == null) {
            return List.of();
        }
        List<?> raw = list(value, "SubjectAlternativeNames");
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put(domainName, "DomainName");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String property = "SubjectAlternativeNames[" + i + "]";
            String name = DomainNames.normalize(string(raw.get(i), property), property);
            String earlier = seen.putIfAbsent(name, property);
            // The primary name may be repeated among the alternatives (ACM adds it there anyway);
            // any other repetition is almost certainly a typo worth reporting.
            if (earlier != null && !earlier.equals("DomainName")) {
                throw new InvalidPropertyException(property, "'" + raw.get(i) + "' repeats " + earlier
                    + " ('" + name + "' once case and trailing dot are ignored)");
            }
            if (earlier == null) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<ValidationOverride> overrides(Object value, Set<String> names) {
        if (value == null) {
            return List.of();
        }
        List<?> raw = list(value, "DomainValidationOptions");
        List<ValidationOverride> overrides = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "DomainValidationOptions[" + i + "]";
            Map<String, ?> entry = map(raw.get(i), prefix);
            rejectUnknown(entry.keySet(), OVERRIDE_PROPERTIES, prefix + ".");
            String nameProperty = prefix + ".DomainName";
            String name = DomainNames.normalize(requiredString(entry, "DomainName", nameProperty), nameProperty);
            if (!names.contains(name)) {
                throw new InvalidPropertyException(nameProperty,
                    "'" + name + "' is not one of the certificate's names " + names);
            }
            if (!seen.add(name)) {
                throw new InvalidPropertyException(nameProperty, "'" + name + "' has more than one entry");
            }
            String zoneId = hostedZoneId(optionalString(entry, "HostedZoneId", prefix + ".HostedZoneId"),
                prefix + ".HostedZoneId");
            String role = roleArn(optionalString(entry, "HostedZoneRoleArn", prefix + ".HostedZoneRoleArn"),
                prefix + ".HostedZoneRoleArn");
            String externalId = externalId(
                optionalString(entry, "HostedZoneRoleExternalId", prefix + ".HostedZoneRoleExternalId"),
                prefix + ".HostedZoneRoleExternalId");
            if (zoneId == null && role == null) {
                throw new InvalidPropertyException(prefix, "names neither HostedZoneId nor HostedZoneRoleArn, so it changes nothing");
            }
            if (externalId != null && role == null) {
                throw new InvalidPropertyException(prefix + ".HostedZoneRoleExternalId", "is set but HostedZoneRoleArn is not");
            }
            overrides.add(new ValidationOverride(name, zoneId, role, externalId));
        }
        return overrides;
    }

    private static List<Tag> tags(Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> raw = list(value, "Tags");
        if (raw.size() > MAX_TAGS) {
            throw new InvalidPropertyException("Tags", "has " + raw.size() + " tags; at most " + MAX_TAGS
                + " are allowed (ACM keeps 50 per certificate and the resource uses 2 of them)");
        }
        List<Tag> tags = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "Tags[" + i + "]";
            Map<String, ?> entry = map(raw.get(i), prefix);
            rejectUnknown(entry.keySet(), TAG_PROPERTIES, prefix + ".");
            String key = requiredString(entry, "Key", prefix + ".Key");
            Object rawValue = entry.get("Value");
            String tagValue = rawValue == null ? "" : string(rawValue, prefix + ".Value");
            AcmTags.keyProblem(key).ifPresent(problem -> {
                throw new InvalidPropertyException(prefix + ".Key", problem);
            });
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new InvalidPropertyException(prefix + ".Key", "'" + key + "' starts with 'aws:', which AWS reserves");
            }
            if (key.startsWith(RESERVED_TAG_PREFIX)) {
                throw new InvalidPropertyException(prefix + ".Key",
                    "'" + key + "' starts with '" + RESERVED_TAG_PREFIX + "', which the resource reserves for itself");
            }
            AcmTags.valueProblem(tagValue).ifPresent(problem -> {
                throw new InvalidPropertyException(prefix + ".Value", problem);
            });
            if (!keys.add(key)) {
                throw new InvalidPropertyException(prefix + ".Key", "'" + key + "' appears more than once");
            }
            tags.add(new Tag(key, tagValue));
        }
        return tags;
    }

    private static KeyAlgorithm keyAlgorithm(String value) {
        if (value == null) {
            return KeyAlgorithm.RSA_2048;
        }
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.name().equals(value)) {
                return algorithm;
            }
        }
        throw new InvalidPropertyException("KeyAlgorithm", "'" + value + "' is not one of RSA_2048, EC_prime256v1, EC_secp384r1");
    }

    private static DnsCheckMode dnsCheckMode(String value) {
        if (value == null) {
            return DnsCheckMode.FAIL;
        }
        for (DnsCheckMode mode : DnsCheckMode.values()) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        throw new InvalidPropertyException("DnsPreflight", "'" + value + "' is not one of FAIL, WARN, OFF");
    }

    private static int validationProblemTimeout(String value) {
        if (value == null) {
            return DEFAULT_VALIDATION_PROBLEM_TIMEOUT;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < MIN_VALIDATION_PROBLEM_TIMEOUT || seconds > MAX_VALIDATION_PROBLEM_TIMEOUT) {
            throw new InvalidPropertyException("ValidationProblemTimeout", "'" + value + "' is not a whole number of seconds from "
                + MIN_VALIDATION_PROBLEM_TIMEOUT + " to " + MAX_VALIDATION_PROBLEM_TIMEOUT);
        }
        return seconds;
    }

    /** {@code CertificateExport} as on {@code AWS::CertificateManager::Certificate}: ENABLED or DISABLED (the default). */
    private static boolean exportable(String value) {
        if (value == null || value.equals("DISABLED")) {
            return false;
        }
        if (value.equals("ENABLED")) {
            return true;
        }
        throw new InvalidPropertyException("CertificateExport", "'" + value + "' is not ENABLED or DISABLED");
    }

    /** True for DISABLED, the opt-out ACM no longer offers (see {@link CertificateProperties#transparencyOptOut}). */
    private static boolean transparencyOptOut(String value) {
        if (value == null || value.equals("ENABLED")) {
            return false;
        }
        if (value.equals("DISABLED")) {
            return true;
        }
        throw new InvalidPropertyException("CertificateTransparencyLoggingPreference", "'" + value + "' is not ENABLED or DISABLED");
    }

    private static String roleArn(String value, String property) {
        if (value != null && (value.length() > MAX_ARN_LENGTH || partitionOfArn(value) == null)) {
            throw new InvalidPropertyException(property, "'" + value + "' is not an IAM role ARN "
                + "(arn:<partition>:iam::<12-digit account>:role/<optional path/><name of 1 to 64 letters, digits and "
                + "+=,.@_->, partition one of " + new java.util.TreeSet<>(Partitions.known()) + ")");
        }
        return value;
    }

    /** The partition of an IAM role ARN; null when it is not one, or names a partition this SDK does not know. */
    static String partitionOfArn(String roleArn) {
        Matcher arn = ROLE_ARN.matcher(roleArn);
        return arn.matches() && Partitions.known().contains(arn.group("partition")) ? arn.group("partition") : null;
    }

    private static String externalId(String value, String property) {
        if (value != null && !EXTERNAL_ID.matcher(value).matches()) {
            throw new InvalidPropertyException(property,
                "must be 2 to 1224 characters of letters, digits and +=,.@:/-");
        }
        return value;
    }

    private static String hostedZoneId(String value, String property) {
        if (value == null) {
            return null;
        }
        String id = value.startsWith("/hostedzone/") ? value.substring("/hostedzone/".length()) : value;
        if (!HOSTED_ZONE_ID.matcher(id).matches()) {
            throw new InvalidPropertyException(property,
                "'" + value + "' is not a Route 53 hosted zone id (such as Z0123456789ABCDEFGHIJ)");
        }
        return id;
    }

    private static boolean bool(Map<String, ?> properties, String name, boolean fallback) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new InvalidPropertyException(name, "'" + value + "' is not true or false");
    }

    private static void rejectUnknown(Set<String> given, Set<String> known, String prefix) {
        for (String key : given) {
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known).map(s -> "; did you mean " + s + "?")
                    .orElse("; valid properties are " + new java.util.TreeSet<>(known));
                throw new InvalidPropertyException(prefix + key, "is not a property of Custom::DnsValidatedCert" + hint);
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String requiredString(Map<String, ?> map, String key) {
        return requiredString(map, key, key);
    }

    private static String requiredString(Map<String, ?> map, String key, String property) {
        Object value = map.get(key);
        if (value == null) {
            throw new InvalidPropertyException(property, "is required");
        }
        String s = string(value, property);
        if (s.isEmpty()) {
            throw new InvalidPropertyException(property, "must not be empty");
        }
        return s;
    }

    private static String optionalString(Map<String, ?> map, String key) {
        return optionalString(map, key, key);
    }

    private static String optionalString(Map<String, ?> map, String key, String property) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        String s = string(value, property);
        if (s.isEmpty()) {
            throw new InvalidPropertyException(property, "is empty; leave it out instead");
        }
        return s;
    }

    private static String string(Object value, String property) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new InvalidPropertyException(property, "must be a string, not " + describe(value));
    }

    private static List<?> list(Object value, String property) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new InvalidPropertyException(property, "must be a list, not " + describe(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object value, String property) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw new InvalidPropertyException(property, "must be an object, not " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "'" + value + "'";
    }
}
