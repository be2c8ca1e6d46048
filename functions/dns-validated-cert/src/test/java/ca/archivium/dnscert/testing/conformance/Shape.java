package ca.archivium.dnscert.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One shape of a botocore service model ({@code service-2.json}), with the constraints AWS checks before an operation
 * runs: {@code min}/{@code max} (a length for strings, lists, maps and blobs, a range for numbers), {@code pattern},
 * {@code enum}, {@code required} members, {@code sensitive}.
 *
 * <p>The model's patterns are Java regular expressions ({@code \p{L}}, {@code \w}), compiled as they are; AWS matches
 * them against the whole value (see {@link Constraints}).
 *
 * @param name     the shape's name in the model, which XML schema errors call its type
 * @param type     {@code structure}, {@code list}, {@code map}, {@code string}, {@code integer}, ...
 * @param min      the model's {@code min}, when it has one
 * @param max      the model's {@code max}, when it has one
 * @param pattern  the model's {@code pattern}, compiled as written; empty when it has none or Java cannot compile it
 * @param values   the model's {@code enum}, in its order; empty when the shape has none
 * @param members  a structure's members in the model's order
 * @param required a structure's required members
 * @param element  a list's member
 * @param key      a map's key
 * @param value    a map's value
 * @param sensitive true when the model marks the shape {@code sensitive}: AWS's messages leave its value out
 */
public record Shape(String name, String type, Optional<Long> min, Optional<Long> max, Optional<Pattern> pattern,
                    List<String> values, Map<String, Member> members, Set<String> required, Member element, Member key,
                    Member value, boolean sensitive) {

    /**
     * A member of a structure, a list's element or a map's key or value.
     *
     * @param name         the member's name in the model ({@code DomainName}); for a list element, the element name
     * @param shape        the name of its shape
     * @param location     where a REST protocol carries it: {@code uri}, {@code querystring}, {@code header},
     *                     {@code headers}, or empty for the body
     * @param locationName its name there (the URI label, the query parameter, the XML element), or empty
     */
    public record Member(String name, String shape, Optional<String> location, Optional<String> locationName) {

        /** The name the wire uses for it: its location name if it has one, else its name. */
        public String wireName() {
            return locationName.orElse(name);
        }

        /** True when the member travels in the body (not in the URI, query string or headers). */
        public boolean inBody() {
            return location.isEmpty();
        }
    }

    static Shape parse(String name, JsonNode node) {
        Map<String, Member> members = new LinkedHashMap<>();
        node.path("members").fields().forEachRemaining(entry -> members.put(entry.getKey(),
            member(entry.getKey(), entry.getValue())));
        List<String> values = new ArrayList<>();
        node.path("enum").forEach(value -> values.add(value.asText()));
        List<String> required = new ArrayList<>();
        node.path("required").forEach(member -> required.add(member.asText()));
        return new Shape(name, node.path("type").asText(), number(node, "min"), number(node, "max"),
            Optional.ofNullable(node.get("pattern")).map(JsonNode::asText).flatMap(Shape::compile), List.copyOf(values), members,
            Set.copyOf(required), node.has("member") ? member("member", node.get("member")) : null,
            node.has("key") ? member("key", node.get("key")) : null,
            node.has("value") ? member("value", node.get("value")) : null,
            node.path("sensitive").asBoolean(false));
    }

    private static Member member(String name, JsonNode node) {
        return new Member(name, node.path("shape").asText(), Optional.ofNullable(node.get("location")).map(JsonNode::asText),
            Optional.ofNullable(node.get("locationName")).map(JsonNode::asText));
    }

    private static Optional<Long> number(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asLong()) : Optional.empty();
    }

    /** True for the scalar shapes whose {@code min} and {@code max} bound a value rather than a length. */
    public boolean numeric() {
        return Set.of("integer", "long", "double", "float").contains(type);
    }

    /** True for a structure. */
    public boolean structure() {
        return type.equals("structure");
    }

    /** True for a list. */
    public boolean list() {
        return type.equals("list");
    }

    /** True for a map. */
    public boolean map() {
        return type.equals("map");
    }

    private static Optional<Pattern> compile(String regex) {
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException notJava) {
            return Optional.empty();
        }
    }
}
