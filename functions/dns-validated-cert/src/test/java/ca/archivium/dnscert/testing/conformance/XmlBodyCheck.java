package ca.archivium.dnscert.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML body of a Route 53 request checked as Route 53 checks it: against its XML schema, whose types are the
 * model's shapes (same names, same facets), the first failure ending the check. Route 53 answers
 * {@code InvalidInput} with the schema validator's message:
 *
 * <pre>
 * Invalid XML ; javax.xml.stream.XMLStreamException: org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 185;
 *     cvc-maxLength-valid: Value 'primary.kamesh-...' with length = '69' is not facet-valid with respect to maxLength
 *     '64' for type 'HealthCheckNonce'.
 * </pre>
 *
 * (keycloak/keycloak-benchmark #508, 2023; the older form without the exception names,
 * {@code Invalid XML ; cvc-maxLength-valid: ... for type 'ResourceId'.}, in hashicorp/terraform-provider-aws #7557;
 * a missing element, {@code cvc-complex-type.2.4.b: The content of element 'ResourceRecords' is not complete. One of
 * '{"https://route53.amazonaws.com/doc/2013-04-01/":ResourceRecord}' is expected.}, in chilts/nice-route53 #8.)
 * The messages are those of the JDK's own schema validator (Xerces), which AWS's Java services use; the column is
 * where the JDK's XML reader stands when the element ends.
 */
final class XmlBodyCheck {
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    private final ServiceModel model;
    private final String namespace;
    private final List<String> failure = new ArrayList<>();

    private XmlBodyCheck(ServiceModel model, String namespace) {
        this.model = model;
        this.namespace = namespace;
    }

    /**
     * The body's members as a tree, or the schema failure.
     *
     * @param rootElement the root element the operation's input declares
     * @param namespace   its namespace
     */
    static Result read(ServiceModel model, Shape input, String rootElement, String namespace, byte[] body) {
        return new XmlBodyCheck(model, namespace).parse(input, rootElement, body);
    }

    /**
     * What the body held.
     *
     * @param members the body's members by member name; empty when the check failed
     * @param failure the message Route 53 answers, when the body fails its schema
     */
    record Result(ObjectNode members, Optional<String> failure) {
    }

    /** What is open while reading: a structure (with the members seen so far), a list, or a scalar's text. */
    private static final class Frame {
        final Shape shape;
        final String element;
        final JsonNode node;
        final JsonNode container;
        final String key;
        final StringBuilder text = new StringBuilder();
        int next;
        int count;

        Frame(Shape shape, String element, JsonNode node, JsonNode container, String key) {
            this.shape = shape;
            this.element = element;
            this.node = node;
            this.container = container;
            this.key = key;
        }
    }

    private Result parse(Shape input, String rootElement, byte[] body) {
        ObjectNode members = JsonNodeFactory.instance.objectNode();
        if (body.length == 0) {
            return new Result(members, Optional.empty());
        }
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<Frame> open = new ArrayDeque<>();
            while (reader.hasNext() && failure.isEmpty()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (open.isEmpty()) {
                        if (!reader.getLocalName().equals(rootElement) || !namespace.equals(reader.getNamespaceURI())) {
                            fail(reader.getLocation(), "cvc-elt.1: Cannot find the declaration of element '"
                                + reader.getLocalName() + "'.");
                        }
                        open.push(new Frame(input, rootElement, members, null, null));
                    } else {
                        start(open, reader);
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    end(open.pop(), reader.getLocation());
                }
            }
        } catch (XMLStreamException e) {
            return new Result(members, Optional.of("Invalid XML ; " + e.getMessage()));
        }
        return failure.isEmpty() ? new Result(members, Optional.empty()) : new Result(members, Optional.of(failure.get(0)));
    }

    private void start(Deque<Frame> open, XMLStreamReader reader) {
        Frame parent = open.peek();
        String name = reader.getLocalName();
        if (parent.shape.list()) {
            Shape.Member element = parent.shape.element();
            if (!element.locationName().orElse("member").equals(name)) {
                fail(reader.getLocation(), invalidContent(name, List.of(element.locationName().orElse("member"))));
                return;
            }
            if (parent.shape.max().filter(max -> parent.count >= max).isPresent()) {
                fail(reader.getLocation(), "cvc-complex-type.2.4.d: Invalid content was found starting with element '"
                    + name + "'. No child element is expected at this point.");
                return;
            }
            parent.count++;
            open.push(child(model.shape(element.shape()), name, parent.node, null));
            return;
        }
        if (!parent.shape.structure()) {
            fail(reader.getLocation(), "cvc-type.3.1.2: Element '" + parent.element
                + "' is a simple type, so it must have no element information item [children].");
            return;
        }
        List<Shape.Member> sequence = bodyMembers(parent.shape);
        for (int i = parent.next; i < sequence.size(); i++) {
            Shape.Member member = sequence.get(i);
            if (member.wireName().equals(name)) {
                parent.next = i + 1;
                open.push(child(model.shape(member.shape()), name, parent.node, member.name()));
                return;
            }
            if (parent.shape.required().contains(member.name())) {
                break;
            }
        }
        List<String> expected = expected(parent.shape, sequence, parent.next);
        fail(reader.getLocation(), expected.isEmpty()
            ? "cvc-complex-type.2.4.d: Invalid content was found starting with element '" + name
                + "'. No child element is expected at this point."
            : invalidContent(name, expected));
    }

    /** A member or list element begins: a structure or list is placed in its parent now, a scalar when it ends. */
    private static Frame child(Shape shape, String element, JsonNode parent, String key) {
        JsonNode node = shape.structure() ? JsonNodeFactory.instance.objectNode()
            : shape.list() ? JsonNodeFactory.instance.arrayNode() : null;
        if (node != null) {
            place(parent, key, node);
        }
        return new Frame(shape, element, node, parent, key);
    }

    private static void place(JsonNode parent, String key, JsonNode node) {
        if (parent instanceof ObjectNode structure) {
            structure.set(key, node);
        } else {
            ((ArrayNode) parent).add(node);
        }
    }

    private void end(Frame frame, Location at) {
        if (frame.shape.structure()) {
            List<Shape.Member> sequence = bodyMembers(frame.shape);
            boolean missing = sequence.subList(frame.next, sequence.size()).stream()
                .anyMatch(m -> frame.shape.required().contains(m.name()));
            if (missing) {
                fail(at, incomplete(frame.element, expected(frame.shape, sequence, frame.next)));
            }
        } else if (frame.shape.list()) {
            if (frame.shape.min().filter(min -> frame.count < min).isPresent()) {
                fail(at, incomplete(frame.element, List.of(frame.shape.element().locationName().orElse("member"))));
            }
        } else {
            String text = frame.text.toString();
            place(frame.container, frame.key, TextNode.valueOf(text));
            facets(frame.shape, text).ifPresent(message -> fail(at, message));
        }
    }

    /** The first facet of its type a scalar fails, in the schema validator's words. */
    private Optional<String> facets(Shape shape, String value) {
        if (shape.numeric()) {
            try {
                BigDecimal number = new BigDecimal(value.strip());
                if (shape.max().filter(max -> number.compareTo(BigDecimal.valueOf(max)) > 0).isPresent()) {
                    return Optional.of("cvc-maxInclusive-valid: Value '" + value + "' is not facet-valid with respect to"
                        + " maxInclusive '" + shape.max().get() + "' for type '" + shape.name() + "'.");
                }
                if (shape.min().filter(min -> number.compareTo(BigDecimal.valueOf(min)) < 0).isPresent()) {
                    return Optional.of("cvc-minInclusive-valid: Value '" + value + "' is not facet-valid with respect to"
                        + " minInclusive '" + shape.min().get() + "' for type '" + shape.name() + "'.");
                }
                return Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("cvc-datatype-valid.1.2.1: '" + value + "' is not a valid value for '"
                    + (shape.type().equals("long") ? "long" : "integer") + "'.");
            }
        }
        if (!shape.type().equals("string")) {
            return Optional.empty();
        }
        if (shape.pattern().filter(p -> !p.matcher(value).matches()).isPresent()) {
            return Optional.of("cvc-pattern-valid: Value '" + value + "' is not facet-valid with respect to pattern '"
                + shape.pattern().get().pattern() + "' for type '" + shape.name() + "'.");
        }
        if (!shape.values().isEmpty() && !shape.values().contains(value)) {
            return Optional.of("cvc-enumeration-valid: Value '" + value + "' is not facet-valid with respect to"
                + " enumeration '" + shape.values() + "'. It must be a value from the enumeration.");
        }
        if (shape.max().filter(max -> value.length() > max).isPresent()) {
            return Optional.of("cvc-maxLength-valid: Value '" + value + "' with length = '" + value.length()
                + "' is not facet-valid with respect to maxLength '" + shape.max().get() + "' for type '" + shape.name()
                + "'.");
        }
        if (shape.min().filter(min -> value.length() < min).isPresent()) {
            return Optional.of("cvc-minLength-valid: Value '" + value + "' with length = '" + value.length()
                + "' is not facet-valid with respect to minLength '" + shape.min().get() + "' for type '" + shape.name()
                + "'.");
        }
        return Optional.empty();
    }

    private List<Shape.Member> bodyMembers(Shape shape) {
        return shape.members().values().stream().filter(Shape.Member::inBody).toList();
    }

    /** What may come next: the optional members from {@code next} on, up to and including the first required one. */
    private static List<String> expected(Shape shape, List<Shape.Member> sequence, int next) {
        List<String> names = new ArrayList<>();
        for (Shape.Member member : sequence.subList(next, sequence.size())) {
            names.add(member.wireName());
            if (shape.required().contains(member.name())) {
                break;
            }
        }
        return names;
    }

    private String invalidContent(String found, List<String> expected) {
        return "cvc-complex-type.2.4.a: Invalid content was found starting with element '" + found + "'. One of '"
            + qualified(expected) + "' is expected.";
    }

    private String incomplete(String element, List<String> expected) {
        return "cvc-complex-type.2.4.b: The content of element '" + element + "' is not complete. One of '"
            + qualified(expected) + "' is expected.";
    }

    private String qualified(List<String> names) {
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        names.forEach(name -> joined.add("\"" + namespace + "\":" + name));
        return joined.toString();
    }

    private void fail(Location at, String message) {
        if (failure.isEmpty()) {
            failure.add("Invalid XML ; javax.xml.stream.XMLStreamException: org.xml.sax.SAXParseException; lineNumber: "
                + at.getLineNumber() + "; columnNumber: " + at.getColumnNumber() + "; " + message);
        }
    }
}
