package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.ProxiedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request read as its service reads it: the operation it calls and its members, from wherever the protocol
 * carries them (the JSON body; the query protocol's form; Route 53's URI labels, query string, headers and XML body),
 * then checked against the model ({@link #refusal()}).
 *
 * @param model     the service
 * @param operation the operation called
 * @param members   the input's members by member name (scalars of the query and XML protocols as text)
 * @param refusal   what AWS answers instead of running the operation, when the request fails the model
 */
public record ModelledRequest(ServiceModel model, ServiceModel.Operation operation, ObjectNode members,
                             Optional<AwsError> refusal) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request read against its service's model; empty for a service or operation the models do not know. */
    static Optional<ModelledRequest> read(ServiceModels models, ProxiedRequest request) {
        Optional<ServiceModel> model = models.forSigningName(request.call().service());
        if (model.isEmpty()) {
            return Optional.empty();
        }
        return switch (model.get().protocol()) {
            case "json" -> json(model.get(), request);
            case "query" -> query(model.get(), request);
            case "rest-xml" -> restXml(model.get(), request);
            default -> Optional.empty();
        };
    }

    private static Optional<ModelledRequest> json(ServiceModel model, ProxiedRequest request) {
        ServiceModel.Operation operation = model.operations().get(request.call().operation());
        if (operation == null) {
            return Optional.empty();
        }
        ObjectNode members;
        try {
            JsonNode body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
            if (!body.isObject()) {
                return Optional.of(refused(model, operation, AwsError.serialization(model, "Start of structure or map"
                    + " expected")));
            }
            members = (ObjectNode) body;
        } catch (IOException e) {
            return Optional.of(refused(model, operation, AwsError.serialization(model, "Request body is not JSON")));
        }
        return Optional.of(checked(model, operation, members));
    }

    private static Optional<ModelledRequest> query(ServiceModel model, ProxiedRequest request) {
        ServiceModel.Operation operation = model.operations().get(request.call().operation());
        if (operation == null) {
            return Optional.empty();
        }
        Map<String, String> form = new TreeMap<>(form(request.bodyText()));
        int query = request.pathAndQuery().indexOf('?');
        if (query >= 0) {
            form.putAll(form(request.pathAndQuery().substring(query + 1)));
        }
        ObjectNode members = queryStructure(model, model.input(operation), form, "");
        return Optional.of(checked(model, operation, members));
    }

    private static Optional<ModelledRequest> restXml(ServiceModel model, ProxiedRequest request) {
        String pathAndQuery = request.pathAndQuery();
        int queryAt = pathAndQuery.indexOf('?');
        String path = queryAt < 0 ? pathAndQuery : pathAndQuery.substring(0, queryAt);
        Optional<ServiceModel.RestMatch> match = model.restOperation(request.method(), path);
        if (match.isEmpty()) {
            return Optional.empty();
        }
        ServiceModel.Operation operation = match.get().operation();
        Shape input = model.input(operation);
        Map<String, List<String>> query = queryAt < 0 ? Map.of() : multiForm(pathAndQuery.substring(queryAt + 1));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());

        ObjectNode members = JsonNodeFactory.instance.objectNode();
        if (operation.inputElement().isPresent() && input.members().values().stream().anyMatch(Shape.Member::inBody)) {
            XmlBodyCheck.Result body = XmlBodyCheck.read(model, input, operation.inputElement().get(),
                operation.inputNamespace().orElse(model.xmlNamespace()), request.body());
            if (body.failure().isPresent()) {
                return Optional.of(refused(model, operation, AwsError.invalidInput(model, body.failure().get())));
            }
            members.setAll(body.members());
        }
        // Route 53 names a URI or query-string member after its shape in its messages: 'resourceId' for the
        // HostedZoneId of ChangeResourceRecordSets (terraform-aws-modules/terraform-aws-acm #63) and for the
        // DelegationSetId of CreateHostedZone (hashicorp/terraform #24250).
        List<Constraints.Violation> violations = new ArrayList<>();
        for (Map.Entry<String, Shape.Member> entry : input.members().entrySet()) {
            Shape.Member member = entry.getValue();
            if (member.inBody()) {
                continue;
            }
            Optional<JsonNode> value = switch (member.location().get()) {
                case "uri" -> Optional.ofNullable(match.get().labels().get(member.wireName())).map(TextNode::valueOf);
                case "querystring" -> Optional.ofNullable(query.get(member.wireName())).map(v -> queryValue(model, member, v));
                case "header" -> Optional.ofNullable(headers.get(member.wireName())).map(v -> TextNode.valueOf(v.get(0)));
                default -> Optional.empty();
            };
            String pathName = Constraints.pathName(member.shape());
            if (value.isEmpty()) {
                if (input.required().contains(entry.getKey())) {
                    violations.add(new Constraints.Violation(pathName, Optional.empty(), false, "Member must not be null"));
                }
                continue;
            }
            members.set(entry.getKey(), value.get());
            violations.addAll(Constraints.checkMember(model, model.shape(member.shape()), value.get(), pathName));
        }
        return Optional.of(new ModelledRequest(model, operation, members, violations.isEmpty() ? Optional.empty()
            : Optional.of(AwsError.invalidInput(model, Constraints.message(violations)))));
    }

    private static JsonNode queryValue(ServiceModel model, Shape.Member member, List<String> values) {
        if (model.shape(member.shape()).list()) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            values.forEach(list::add);
            return list;
        }
        return TextNode.valueOf(values.get(0));
    }

    private static ModelledRequest checked(ServiceModel model, ServiceModel.Operation operation, ObjectNode members) {
        List<Constraints.Violation> violations = Constraints.check(model, model.input(operation), members);
        return new ModelledRequest(model, operation, members, violations.isEmpty() ? Optional.empty()
            : Optional.of(AwsError.validation(model, Constraints.message(violations))));
    }

    private static ModelledRequest refused(ServiceModel model, ServiceModel.Operation operation, AwsError error) {
        return new ModelledRequest(model, operation, JsonNodeFactory.instance.objectNode(), Optional.of(error));
    }

    /**
     * A query-protocol structure from the form's flat names: {@code RoleSessionName}, {@code Tags.member.1.Key},
     * {@code Context.entry.1.key}.
     */
    private static ObjectNode queryStructure(ServiceModel model, Shape shape, Map<String, String> form, String prefix) {
        ObjectNode structure = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Shape.Member> entry : shape.members().entrySet()) {
            String name = prefix + entry.getValue().wireName();
            queryValue(model, model.shape(entry.getValue().shape()), form, name)
                .ifPresent(value -> structure.set(entry.getKey(), value));
        }
        return structure;
    }

    private static Optional<JsonNode> queryValue(ServiceModel model, Shape shape, Map<String, String> form, String name) {
        if (shape.structure()) {
            boolean present = form.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
            return present ? Optional.of(queryStructure(model, shape, form, name + ".")) : Optional.empty();
        }
        if (shape.list()) {
            if ("".equals(form.get(name))) {
                return Optional.of(JsonNodeFactory.instance.arrayNode());
            }
            String element = name + "." + shape.element().locationName().orElse("member") + ".";
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (int i = 1; ; i++) {
                Optional<JsonNode> item = queryValue(model, model.shape(shape.element().shape()), form, element + i);
                if (item.isEmpty()) {
                    break;
                }
                list.add(item.get());
            }
            return list.isEmpty() ? Optional.empty() : Optional.of(list);
        }
        if (shape.map()) {
            ObjectNode map = JsonNodeFactory.instance.objectNode();
            for (int i = 1; form.containsKey(name + ".entry." + i + ".key"); i++) {
                Optional<JsonNode> value = queryValue(model, model.shape(shape.value().shape()), form,
                    name + ".entry." + i + ".value");
                map.set(form.get(name + ".entry." + i + ".key"), value.orElse(JsonNodeFactory.instance.nullNode()));
            }
            return map.isEmpty() ? Optional.empty() : Optional.of(map);
        }
        return Optional.ofNullable(form.get(name)).map(TextNode::valueOf);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        multiForm(encoded).forEach((name, values) -> form.put(name, values.get(0)));
        return form;
    }

    private static Map<String, List<String>> multiForm(String encoded) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return form;
    }

    /** The operation's name, as an SDK names it. */
    public String operationName() {
        return operation.name();
    }
}
