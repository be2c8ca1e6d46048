package ca.archivium.dnscert.templates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least-privilege rules every IAM policy in the project's templates keeps: in the inline policies of
 * {@code AWS::IAM::Role}, {@code AWS::IAM::Policy}, {@code AWS::IAM::ManagedPolicy} and SAM's {@code Policies},
 * and in every role's trust policy. Each finding names the template, the resource, the policy and the statement
 * (by Sid, or by position), and says what is wrong. Both branches of an {@code Fn::If} are checked.
 */
final class LeastPrivilegeRules {

    /**
     * The actions the project uses that support no resource-level permissions (Service Authorization Reference:
     * no resource type), so an Allow for them must say {@code Resource: '*'}. Every other action must name
     * its resources; in particular route53:GetChange takes {@code change/*}, and route53:GetHostedZone,
     * ListResourceRecordSets and ChangeResourceRecordSets take {@code hostedzone/...}.
     */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of(
        "acm:requestcertificate",
        "acm:listcertificates",
        "route53:listhostedzonesbyname",
        // Step Functions sets up a state machine's log delivery through CloudWatch Logs' vended-logs APIs;
        // the Step Functions guide documents exactly these with Resource '*'.
        "logs:createlogdelivery",
        "logs:getlogdelivery",
        "logs:updatelogdelivery",
        "logs:deletelogdelivery",
        "logs:listlogdeliveries",
        "logs:putresourcepolicy",
        "logs:describeresourcepolicies",
        "logs:describeloggroups");

    private static final String CHANGE_RECORDS = "route53:changeresourcerecordsets";
    private static final String ASSUME_ROLE = "sts:assumerole";
    private static final String RECORD_NAMES = "route53:ChangeResourceRecordSetsNormalizedRecordNames";
    private static final String RECORD_TYPES = "route53:ChangeResourceRecordSetsRecordTypes";
    private static final String RECORD_ACTIONS = "route53:ChangeResourceRecordSetsActions";

    /** Values a parameter that ends up in a Resource must not accept. */
    private static final List<String> WILDCARD_RESOURCES =
        List.of("*", "arn:aws:iam::123456789012:*", "arn:aws:iam::123456789012:role/*");
    /** Values a parameter that ends up as a trusted principal must not accept. */
    private static final List<String> BROAD_PRINCIPALS =
        List.of("*", "123456789012", "arn:aws:iam::123456789012:root");
    private static final Pattern ACCOUNT_ROOT = Pattern.compile("\\d{12}|arn:aws[a-z-]*:iam::\\d{12}:root");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Template template;
    private final List<String> findings = new ArrayList<>();

    private LeastPrivilegeRules(Template template) {
        this.template = template;
    }

    /** Every finding in this template; empty when it keeps all the rules. */
    static List<String> violations(Template template) {
        LeastPrivilegeRules rules = new LeastPrivilegeRules(template);
        template.resources().forEach(rules::checkResource);
        return List.copyOf(rules.findings);
    }

    private void checkResource(String logicalId, Object definition) {
        Map<String, Object> resource = map(definition);
        Map<String, Object> properties = map(resource.get("Properties"));
        switch (String.valueOf(resource.get("Type"))) {
            case "AWS::IAM::Role" -> {
                List<Map<String, Object>> trust = statements(properties.get("AssumeRolePolicyDocument"));
                for (int i = 0; i < trust.size(); i++) {
                    checkTrust(Where.of(logicalId, "AssumeRolePolicyDocument", trust, i), trust.get(i));
                }
                for (Object policy : values(properties.get("Policies"))) {
                    String label = "Policies[" + map(policy).get("PolicyName") + "]";
                    checkPermissions(logicalId, label, map(policy).get("PolicyDocument"));
                }
                checkManagedPolicies(logicalId, properties.get("ManagedPolicyArns"));
            }
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                checkPermissions(logicalId, "PolicyDocument", properties.get("PolicyDocument"));
            case "AWS::Serverless::Function", "AWS::Serverless::StateMachine" ->
                checkSamPolicies(logicalId, properties.get("Policies"));
            default -> {
                // Other resources grant nothing to the project's own code.
            }
        }
    }

    // ------------------------------------------------------------------ permissions

    private void checkPermissions(String logicalId, String label, Object document) {
        List<Map<String, Object>> statements = statements(document);
        for (int i = 0; i < statements.size(); i++) {
            if (!"Deny".equals(statements.get(i).get("Effect"))) {
                checkAllow(Where.of(logicalId, label, statements, i), statements.get(i));
            }
        }
    }

    private void checkAllow(Where where, Map<String, Object> statement) {
        if (statement.containsKey("NotAction")) {
            report(where, "Allow with NotAction grants every action but the ones listed; list the actions instead");
        }
        if (statement.containsKey("NotResource")) {
            report(where, "Allow with NotResource grants every resource but the ones listed; list the resources instead");
        }
        Set<String> actions = new LinkedHashSet<>();
        for (Object action : values(statement.get("Action"))) {
            if (!(action instanceof String name)) {
                report(where, "action " + action + " is computed; write every action out so it can be checked");
            } else if (name.contains("*") || name.contains("?")) {
                report(where, "action '" + name + "' is a wildcard; name each action the code calls");
            } else {
                actions.add(name.toLowerCase(Locale.ROOT));
            }
        }
        List<Object> resources = values(statement.get("Resource"));
        if (resources.contains("*")) {
            if (actions.contains(ASSUME_ROLE)) {
                report(where, "sts:AssumeRole on Resource '*' can assume any role that trusts this one; name the roles");
            }
            List<String> scoped = actions.stream()
                .filter(a -> !a.equals(ASSUME_ROLE) && !ACTIONS_WITHOUT_RESOURCE_TYPES.contains(a))
                .toList();
            if (!scoped.isEmpty()) {
                report(where, "Resource '*' for " + scoped + ", which support resource-level permissions; name the resources");
            }
        }
        if (actions.contains(ASSUME_ROLE)) {
            resources.stream()
                .filter(r -> r instanceof String s && !s.equals("*") && s.contains("*"))
                .forEach(r -> report(where, "sts:AssumeRole on '" + r + "' can assume every role it matches; name the roles"));
        }
        for (String parameter : parametersIn(statement.get("Resource"))) {
            if (WILDCARD_RESOURCES.stream().anyMatch(sample -> admits(parameter, sample))) {
                report(where, "Resource takes parameter " + parameter + ", which accepts wildcards such as '*';"
                    + " give it an AllowedPattern that keeps them out");
            }
        }
        if (actions.contains(CHANGE_RECORDS)) {
            checkRecordConditions(where, statement.get("Condition"));
        }
    }

    /**
     * ChangeResourceRecordSets may only write ACM validation records. ForAllValues, because a batch holds many
     * changes and every one of them must match; with ForAnyValue, one validation record would carry any other
     * change through.
     */
    private void checkRecordConditions(Where where, Object condition) {
        Map<String, Object> operators = map(condition);
        if (!anyMatches(operators, RECORD_NAMES, Set.of("ForAllValues:StringLike", "ForAllValues:StringEquals"),
                values -> values.stream().allMatch(v -> v.startsWith("_")))) {
            report(where, "route53:ChangeResourceRecordSets must be limited to validation record names:"
                + " ForAllValues:StringLike " + RECORD_NAMES + " ['_*']");
        }
        if (!anyMatches(operators, RECORD_TYPES, Set.of("ForAllValues:StringEquals"),
                values -> values.equals(List.of("CNAME")))) {
            report(where, "route53:ChangeResourceRecordSets must be limited to CNAME records:"
                + " ForAllValues:StringEquals " + RECORD_TYPES + " [CNAME]");
        }
        if (!anyMatches(operators, RECORD_ACTIONS, Set.of("ForAllValues:StringEquals"),
                values -> Set.of("UPSERT", "DELETE").containsAll(values))) {
            report(where, "route53:ChangeResourceRecordSets must be limited to UPSERT and DELETE:"
                + " ForAllValues:StringEquals " + RECORD_ACTIONS + " [UPSERT, DELETE]");
        }
    }

    /** Conditions are ANDed: one operator that restricts the key well enough is enough. */
    private static boolean anyMatches(Map<String, Object> operators, String key, Set<String> acceptedOperators,
            Predicate<List<String>> acceptable) {
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            if (!acceptedOperators.contains(operator.getKey())) {
                continue;
            }
            for (Map.Entry<String, Object> entry : map(operator.getValue()).entrySet()) {
                if (entry.getKey().equalsIgnoreCase(key)) {
                    List<Object> values = values(entry.getValue());
                    if (!values.isEmpty() && values.stream().allMatch(String.class::isInstance)
                            && acceptable.test(values.stream().map(String.class::cast).toList())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void checkManagedPolicies(String logicalId, Object arns) {
        for (Object arn : values(arns)) {
            boolean ownPolicy = arn instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id
                && "AWS::IAM::ManagedPolicy".equals(map(template.resources().get(id)).get("Type"));
            if (!ownPolicy) {
                report(logicalId + ", ManagedPolicyArns", arn + " is not a policy of this template, so it cannot be checked;"
                    + " write it here as an AWS::IAM::ManagedPolicy");
            }
        }
    }

    private void checkSamPolicies(String logicalId, Object policies) {
        List<Object> entries = values(policies);
        for (int i = 0; i < entries.size(); i++) {
            String label = "Policies[" + i + "]";
            Object entry = entries.get(i);
            if (entry instanceof Map<?, ?> document && document.containsKey("Statement")) {
                checkPermissions(logicalId, label, document);
            } else {
                report(logicalId + ", " + label, entry + " is a managed policy or a SAM policy template, which cannot be"
                    + " checked here; write its statements inline");
            }
        }
    }

    // ------------------------------------------------------------------ trust

    private void checkTrust(Where where, Map<String, Object> statement) {
        if ("Deny".equals(statement.get("Effect"))) {
            return;
        }
        if (statement.containsKey("NotPrincipal")) {
            report(where, "trust with NotPrincipal trusts everyone but the ones listed; name the principals");
        }
        Object principal = statement.get("Principal");
        if ("*".equals(principal)) {
            report(where, "trusts every principal ('*'); name the roles");
            return;
        }
        for (Map.Entry<String, Object> kind : map(principal).entrySet()) {
            for (Object value : values(kind.getValue())) {
                if ("*".equals(value)) {
                    report(where, "trusts every " + kind.getKey() + " principal ('*'); name the roles");
                } else if (kind.getKey().equals("AWS")) {
                    checkAwsPrincipal(where, value);
                }
            }
        }
    }

    private void checkAwsPrincipal(Where where, Object principal) {
        // An unquoted account id reads as a number.
        if (principal instanceof Number account && ACCOUNT_ROOT.matcher(account.toString()).matches()
                || principal instanceof String arn && ACCOUNT_ROOT.matcher(arn).matches()
                || principal instanceof Map<?, ?> function && subTemplate(function) instanceof String sub && sub.endsWith(":root")) {
            report(where, "trusts the whole account " + principal + " (any of its users and roles allowed sts:AssumeRole);"
                + " name the roles");
        }
        for (String parameter : parametersIn(principal)) {
            if (BROAD_PRINCIPALS.stream().anyMatch(sample -> admits(parameter, sample))) {
                report(where, "trusts parameter " + parameter + ", which accepts '*' or a whole account;"
                    + " give it an AllowedPattern that admits role ARNs only");
            }
        }
    }

    // ------------------------------------------------------------------ parameters

    /** The template's parameters a value refers to, through Ref or ${Name} in Fn::Sub. */
    private Set<String> parametersIn(Object value) {
        Set<String> names = new LinkedHashSet<>();
        collectParameters(value, Set.of(), names);
        return names;
    }

    private void collectParameters(Object value, Set<String> shadowed, Set<String> names) {
        if (value instanceof List<?> list) {
            list.forEach(item -> collectParameters(item, shadowed, names));
        } else if (value instanceof Map<?, ?> map) {
            if (map.get("Ref") instanceof String ref && isParameter(ref, shadowed)) {
                names.add(ref);
            }
            Object sub = map.get("Fn::Sub");
            if (sub != null) {
                Set<String> local = new LinkedHashSet<>(shadowed);
                if (sub instanceof List<?> pair && pair.size() == 2) {
                    local.addAll(map(pair.get(1)).keySet());
                    collectParameters(pair.get(1), shadowed, names);
                }
                if (subTemplate(map) instanceof String text) {
                    Matcher variable = SUB_VARIABLE.matcher(text);
                    while (variable.find()) {
                        if (isParameter(variable.group(1), local)) {
                            names.add(variable.group(1));
                        }
                    }
                }
            } else {
                map.values().forEach(item -> collectParameters(item, shadowed, names));
            }
        }
    }

    private boolean isParameter(String name, Set<String> shadowed) {
        return !shadowed.contains(name) && template.parameters().containsKey(name);
    }

    /** Whether CloudFormation would let this value through the parameter's constraints (for a list, each item). */
    private boolean admits(String parameter, String sample) {
        Map<String, Object> definition = map(template.parameters().get(parameter));
        String type = String.valueOf(definition.get("Type"));
        if (type.startsWith("AWS::") || type.startsWith("List<AWS::")) {
            // AWS-specific types must name an existing resource of that type, such as a hosted zone id.
            return false;
        }
        if (definition.get("AllowedValues") instanceof List<?> allowed) {
            return allowed.contains(sample);
        }
        if (definition.get("AllowedPattern") instanceof String pattern) {
            return Pattern.compile(pattern).matcher(sample).matches();
        }
        return true;
    }

    // ------------------------------------------------------------------ reading policies

    /** The statements of a policy document, both branches of every Fn::If. */
    private static List<Map<String, Object>> statements(Object document) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object alternative : values(document)) {
            for (Object statement : values(map(alternative).get("Statement"))) {
                statements.add(map(statement));
            }
        }
        return statements;
    }

    /**
     * The values a property can take: a list's items, both branches of an Fn::If, nothing for
     * {@code Ref: AWS::NoValue}; any other function is one value, left as it is.
     */
    private static List<Object> values(Object value) {
        List<Object> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        if (value instanceof List<?> list) {
            list.forEach(item -> values.addAll(values(item)));
        } else if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::If") instanceof List<?> branches
                && branches.size() == 3) {
            values.addAll(values(branches.get(1)));
            values.addAll(values(branches.get(2)));
        } else if (!(value instanceof Map<?, ?> map && "AWS::NoValue".equals(map.get("Ref")))) {
            values.add(value);
        }
        return values;
    }

    private static Object subTemplate(Map<?, ?> function) {
        Object sub = function.get("Fn::Sub");
        return sub instanceof List<?> pair && !pair.isEmpty() ? pair.get(0) : sub;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private void report(Where where, String problem) {
        report(where.resource() + ", " + where.policy() + " statement " + where.statement(), problem);
    }

    private void report(String location, String problem) {
        findings.add(template.name() + ": " + location + ": " + problem);
    }

    /** A statement's place, as findings name it: by Sid, or by position (from 1, both branches of an Fn::If counted). */
    private record Where(String resource, String policy, String statement) {
        static Where of(String resource, String policy, List<Map<String, Object>> statements, int index) {
            return new Where(resource, policy,
                statements.get(index).get("Sid") instanceof String sid ? sid : "#" + (index + 1));
        }
    }
}
