package ca.archivium.dnscert.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The product's one way to JSON: text to and from plain Jackson trees, and Java records to and from trees.
 *
 * <p>Trees go through jackson-core's parser and generator alone, the same trees and the same text as
 * {@code ObjectMapper.readTree} and {@code writeValueAsBytes} with their defaults: a Create answered at once (the
 * event, each log line, the answer) then builds no {@code ObjectMapper}, which costs a fresh JVM's command line
 * measurably (BENCHMARKS.md, cold start; SnapStart's priming builds it before the snapshot). Data binding
 * ({@link #toTree(Object)}, {@link #fromTree}) is for the wait loop's step document only; its one
 * {@code ObjectMapper} is built on first use.
 */
public final class JsonTrees {
    // Configured once, never changed, safe to share between threads.
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * The tree of a JSON document: the first value in it (what follows is not read), a {@link MissingNode} when
     * there is none.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the text is not JSON
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return read(parser);
        }
    }

    /** As {@link #read(byte[])}, from text. */
    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return read(parser);
        }
    }

    /**
     * The text of a tree of plain nodes (objects, arrays, strings, numbers, booleans, nulls, binary).
     *
     * @throws IllegalArgumentException if the tree holds a node of another kind (a POJO node)
     */
    public static String write(JsonNode tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(tree, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** As {@link #write(JsonNode)}, as UTF-8 bytes. */
    public static byte[] writeBytes(JsonNode tree) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder()) {
            try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
                write(tree, generator);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    /**
     * The tree of a Java value made of maps, lists, strings, numbers, booleans and nulls (what {@code ObjectMapper}'s
     * {@code valueToTree} gives for them: an {@code Integer} an int node, a {@code Long} a long node).
     *
     * @throws IllegalArgumentException for a value of another kind
     */
    public static JsonNode of(Object value) {
        return of(value, UnaryOperator.identity(), other -> {
            throw new IllegalArgumentException("not a plain JSON value: a " + other.getClass().getName());
        });
    }

    /**
     * As {@link #of(Object)}, with every key and every string passed through {@code text} first, and any other value
     * written as the text {@code otherwise} gives for it (passed through {@code text} too).
     */
    public static JsonNode of(Object value, UnaryOperator<String> text, Function<Object, String> otherwise) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String string) {
            return NODES.textNode(text.apply(string));
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(text.apply(String.valueOf(key)), of(item, text, otherwise)));
            return object;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(of(item, text, otherwise)));
            return array;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number.longValue());
        }
        if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float number) {
            return NODES.numberNode(number.floatValue());
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        return NODES.textNode(text.apply(otherwise.apply(value)));
    }

    /** The tree of a Java record or bean, by Jackson's data binding (its annotations apply). */
    public static ObjectNode toTree(Object value) {
        return Binding.MAPPER.valueToTree(value);
    }

    /**
     * The Java value a tree binds to; properties the type does not know are ignored.
     *
     * @throws IllegalArgumentException when the tree does not bind to {@code type}
     */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        return Binding.MAPPER.convertValue(tree, type);
    }

    /** Jackson's data binding, built when a step document is first bound (a class is initialised on first use). */
    private static final class Binding {
        // Configured once here and never changed afterwards: safe to share between threads.
        static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static JsonNode read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        return first == null ? MissingNode.getInstance() : value(parser, first);
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    // A repeated key keeps its last value, as ObjectMapper's trees do.
                    object.set(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected " + token + " in a JSON document");
        };
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    out.writeFieldName(field.getKey());
                    write(field.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode item : node) {
                    write(item, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> out.writeNumber(node.intValue());
                    case LONG -> out.writeNumber(node.longValue());
                    case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
                    case FLOAT -> out.writeNumber(node.floatValue());
                    case DOUBLE -> out.writeNumber(node.doubleValue());
                    default -> out.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            case BINARY -> out.writeBinary(node.binaryValue());
            default -> throw new IllegalArgumentException("not a plain JSON tree: a " + node.getNodeType() + " node");
        }
    }
}
