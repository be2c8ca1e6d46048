package ca.archivium.dnscert.lambda.runtime;

import ca.archivium.dnscert.templates.CloudFormationYaml;
import ca.archivium.dnscert.templates.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's {@code template.yaml} as Lambda deploys it: each function's settings (its own over
 * {@code Globals.Function}) and the state machine's definition with its {@code DefinitionSubstitutions} applied.
 * Intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}) are resolved against values the caller
 * gives for the resources they name, as CloudFormation would after creating them; one without a value is an error
 * that names it, so a template change the test does not know about fails it rather than passing unnoticed.
 */
public final class SamTemplate {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Path file;
    private final Template template;
    private final Map<String, String> resolved;

    private SamTemplate(Path file, Template template, Map<String, String> resolved) {
        this.file = file;
        this.template = template;
        this.resolved = resolved;
    }

    /** Reads {@code file}; nothing is resolved yet. */
    public static SamTemplate read(Path file) {
        return new SamTemplate(file, CloudFormationYaml.read(file), Map.of());
    }

    /**
     * The same template, with these values for {@code Ref}/{@code Fn::Sub} names ({@code WaitLoopStateMachine},
     * {@code AWS::StackName}, {@code ReconcileFunction.Alias}) and {@code Fn::GetAtt} pairs
     * ({@code ResponseUrlKey.Arn}). Parameters resolve to their defaults unless given here.
     */
    public SamTemplate resolving(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(resolved);
        all.putAll(values);
        return new SamTemplate(file, template, all);
    }

    /** The {@code AWS::Serverless::Function} with this logical id. */
    public SamFunction function(String logicalId) {
        Map<String, Object> properties = properties(logicalId, "AWS::Serverless::Function");
        Map<String, Object> merged = new LinkedHashMap<>(map(map(template.section("Globals")).get("Function")));
        merged.putAll(properties);
        Map<String, Object> logging = map(merged.get("LoggingConfig"));
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(merged.get("Environment")).get("Variables"))
            .forEach((name, value) -> environment.put(name, resolve(value, logicalId + " Environment " + name)));
        return new SamFunction(logicalId,
            required(merged, "Handler", logicalId),
            required(merged, "Runtime", logicalId),
            Integer.parseInt(resolve(merged.get("MemorySize"), logicalId + " MemorySize")),
            Integer.parseInt(resolve(merged.get("Timeout"), logicalId + " Timeout")),
            logging.containsKey("LogFormat") ? resolve(logging.get("LogFormat"), logicalId + " LogFormat") : "Text",
            logging.containsKey("LogGroup") ? logGroupName(logging.get("LogGroup"), logicalId) : null,
            "PublishedVersions".equals(map(merged.get("SnapStart")).get("ApplyOn")) && merged.containsKey("AutoPublishAlias"),
            environment);
    }

    /**
     * The {@code AWS::Serverless::StateMachine}'s definition ({@code DefinitionUri}, relative to the template) with
     * every {@code ${Name}} of its {@code DefinitionSubstitutions} replaced.
     */
    public String stateMachineDefinition(String logicalId) {
        Map<String, Object> properties = properties(logicalId, "AWS::Serverless::StateMachine");
        Path definitionFile = file.toAbsolutePath().getParent().resolve(required(properties, "DefinitionUri", logicalId));
        String definition;
        try {
            definition = Files.readString(definitionFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + definitionFile, e);
        }
        for (Map.Entry<String, Object> substitution : map(properties.get("DefinitionSubstitutions")).entrySet()) {
            definition = definition.replace("${" + substitution.getKey() + "}",
                resolve(substitution.getValue(), logicalId + " DefinitionSubstitutions " + substitution.getKey()));
        }
        Matcher left = SUB_VARIABLE.matcher(definition);
        if (left.find()) {
            throw new IllegalStateException(definitionFile + " uses " + left.group() + ", which " + logicalId
                + "'s DefinitionSubstitutions in " + file + " do not define");
        }
        return definition;
    }

    /** The log group's {@code LogGroupName}, for a {@code LogGroup: !Ref SomeLogGroup}. */
    private String logGroupName(Object logGroup, String function) {
        if (map(logGroup).get("Ref") instanceof String groupId) {
            return resolve(properties(groupId, "AWS::Logs::LogGroup").get("LogGroupName"),
                groupId + " LogGroupName");
        }
        return resolve(logGroup, function + " LoggingConfig.LogGroup");
    }

    private String resolve(Object value, String where) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        Map<String, Object> function = map(value);
        if (function.get("Ref") instanceof String name) {
            return named(name, where);
        }
        if (function.get("Fn::GetAtt") instanceof List<?> pair && pair.size() == 2) {
            return named(pair.get(0) + "." + pair.get(1), where);
        }
        if (function.get("Fn::Sub") instanceof String text) {
            Matcher variable = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (variable.find()) {
                variable.appendReplacement(out, Matcher.quoteReplacement(named(variable.group(1), where)));
            }
            return variable.appendTail(out).toString();
        }
        throw new IllegalStateException(where + " in " + file + " is " + value + ", which this test cannot resolve");
    }

    private String named(String name, String where) {
        String value = resolved.get(name);
        if (value != null) {
            return value;
        }
        Object parameter = template.parameters().get(name);
        if (parameter != null && map(parameter).containsKey("Default")) {
            return String.valueOf(map(parameter).get("Default"));
        }
        throw new IllegalStateException(where + " in " + file + " refers to " + name
            + ", which the test gives no value for (known: " + resolved.keySet() + ")");
    }

    private Map<String, Object> properties(String logicalId, String type) {
        Map<String, Object> resource = map(template.resources().get(logicalId));
        if (!type.equals(resource.get("Type"))) {
            throw new IllegalStateException(file + " has no " + type + " named " + logicalId);
        }
        return map(resource.get("Properties"));
    }

    private String required(Map<String, Object> properties, String key, String logicalId) {
        Object value = properties.get(key);
        if (value == null) {
            throw new IllegalStateException(logicalId + " in " + file + " has no " + key);
        }
        return resolve(value, logicalId + " " + key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /**
     * One function as deployed.
     *
     * @param logicalId      its logical id in the template
     * @param handler        {@code Handler}: what the runtime loads, {@code class::method}
     * @param runtime        {@code Runtime}, such as {@code java21}
     * @param memorySize     {@code MemorySize} in MB
     * @param timeoutSeconds {@code Timeout}
     * @param logFormat      {@code LoggingConfig.LogFormat}: {@code JSON} or {@code Text} (Lambda's default)
     * @param logGroupName   the {@code LoggingConfig.LogGroup}'s name, or null for Lambda's default
     * @param snapStart      {@code SnapStart.ApplyOn: PublishedVersions} with an {@code AutoPublishAlias}: what
     *                       callers invoke is a published version, so every execution environment is restored from
     *                       a snapshot taken after init
     * @param environment    {@code Environment.Variables}, resolved
     */
    public record SamFunction(String logicalId, String handler, String runtime, int memorySize, int timeoutSeconds,
                              String logFormat, String logGroupName, boolean snapStart,
                              Map<String, String> environment) {
    }
}
