package ca.archivium.dnscert.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DOCUMENT = """
        {"s":"caf\\u00e9 \\"q\\" \\\\ \\n \\u0001 €","i":7,"negative":-3,"l":12345678901,
         "big":123456789012345678901234567890,"d":1.5,"e":-2.5e-7,"t":true,"f":false,"n":null,
         "empty":{},"none":[],"nested":{"a":[1,"two",[3.0],{"b":null}]},"dup":1,"dup":2}""";

    @Test
    void readGivesTheTreeObjectMapperReads() throws Exception {
        JsonNode ours = JsonTrees.read(DOCUMENT.getBytes(StandardCharsets.UTF_8));

        assertThat(ours).isEqualTo(MAPPER.readTree(DOCUMENT));
        assertThat(JsonTrees.read(DOCUMENT)).isEqualTo(ours);
        assertThat(ours.get("dup").intValue()).as("a repeated key keeps its last value").isEqualTo(2);
    }

    @Test
    void readOfNothingIsMissingAndTrailingTextIsIgnoredAsByObjectMapper() throws Exception {
        assertThat(JsonTrees.read("").isMissingNode()).isTrue();
        assertThat(JsonTrees.read("")).isEqualTo(MAPPER.readTree(""));
        assertThat(JsonTrees.read("  ")).isEqualTo(MAPPER.readTree("  "));
        assertThat(JsonTrees.read("{\"a\":1} trailing")).isEqualTo(MAPPER.readTree("{\"a\":1} trailing"));
        assertThat(JsonTrees.read("null")).isEqualTo(MAPPER.readTree("null"));
    }

    @Test
    void textThatIsNotJsonFailsWithJacksonsOwnMessage() {
        for (String broken : List.of("{\"a\":", "{\"a\" 1}", "[1,,2]", "not json")) {
            String expected = messageOf(() -> MAPPER.readTree(broken));
            assertThatThrownBy(() -> JsonTrees.read(broken)).as(broken)
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(((JsonProcessingException) e).getOriginalMessage()).isEqualTo(expected));
        }
    }

    @Test
    void writeGivesTheTextObjectMapperWrites() throws Exception {
        JsonNode tree = MAPPER.readTree(DOCUMENT);
        ObjectNode extra = (ObjectNode) tree.deepCopy();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        extra.set("decimal", nodes.numberNode(new BigDecimal("1.50")));
        extra.set("float", nodes.numberNode(0.1f));
        extra.set("short", nodes.numberNode((short) 5));
        extra.set("binary", nodes.binaryNode(new byte[] {0, 1, 2, (byte) 255}));

        for (JsonNode node : List.of(tree, extra)) {
            assertThat(JsonTrees.write(node)).isEqualTo(MAPPER.writeValueAsString(node));
            assertThat(JsonTrees.writeBytes(node)).isEqualTo(MAPPER.writeValueAsBytes(node));
        }
    }

    @Test
    void aNodeThatIsNoPlainJsonIsRefused() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putPOJO("pojo", new Object());

        assertThatThrownBy(() -> JsonTrees.write(tree)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("POJO");
    }

    @Test
    void ofGivesTheTreeValueToTreeGives() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "text");
        value.put("i", 1);
        value.put("l", 2L);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("d", 1.25);
        value.put("decimal", new BigDecimal("2.50"));
        value.put("b", true);
        value.put("n", null);
        value.put("list", Arrays.asList("a", 3, null, List.of()));
        value.put("map", Map.of("k", Map.of()));

        assertThat(JsonTrees.of(value)).isEqualTo(MAPPER.valueToTree(value));
        assertThat(JsonTrees.of(null)).isEqualTo(JsonNodeFactory.instance.nullNode());
        assertThatThrownBy(() -> JsonTrees.of(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofWithRulesPassesKeysAndTextThroughTheTextRuleAndWritesOtherValuesAsTheFallbackSays() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("secret-key", List.of("secret-item", 7));
        value.put("kind", Thread.State.NEW);
        value.put("nested", Map.of("k", "a secret"));

        JsonNode tree = JsonTrees.of(value, text -> text.replace("secret", "<hidden>"),
            other -> other instanceof Enum<?> e ? e.name() + " secret" : String.valueOf(other));

        assertThat(JsonTrees.write(tree)).isEqualTo(
            "{\"<hidden>-key\":[\"<hidden>-item\",7],\"kind\":\"NEW <hidden>\",\"nested\":{\"k\":\"a <hidden>\"}}");
    }

    private static String messageOf(ThrowingCall call) {
        try {
            call.run();
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("ObjectMapper read it");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
