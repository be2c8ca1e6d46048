package ca.archivium.dnscert.templates;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation YAML, short-form intrinsic functions included, into the long form CloudFormation itself
 * uses: {@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}},
 * {@code !Condition C} becomes {@code {Condition: C}}, and any other {@code !Name value} becomes
 * {@code {Fn::Name: value}}. A plain YAML reader either refuses these tags or drops them, and then
 * {@code !Ref Param} and the literal string {@code Param} look the same.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    public static Template read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml(new IntrinsicFunctions()).load(reader);
            return new Template(file.getFileName().toString(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** SnakeYAML's safe constructor, plus one construct for every local tag ({@code !Something}). */
    private static final class IntrinsicFunctions extends SafeConstructor {

        IntrinsicFunctions() {
            super(new LoaderOptions());
            // Multi-constructors match by prefix: every tag starting with '!' is a short-form function.
            yamlMultiConstructors.put("!", new LongForm());
        }

        private final class LongForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                Object value = valueOf(node);
                if (name.equals("Ref") || name.equals("Condition")) {
                    return Map.of(name, value);
                }
                // The short form of GetAtt is one string, "Resource.Attribute"; the long form is a pair.
                if (name.equals("GetAtt") && value instanceof String dotted) {
                    return Map.of("Fn::GetAtt", List.copyOf(Arrays.asList(dotted.split("\\.", 2))));
                }
                return Map.of("Fn::" + name, value);
            }

            private Object valueOf(Node node) {
                if (node instanceof ScalarNode scalar) {
                    return constructScalar(scalar);
                }
                if (node instanceof SequenceNode sequence) {
                    return constructSequence(sequence);
                }
                if (node instanceof MappingNode mapping) {
                    return constructMapping(mapping);
                }
                throw new IllegalArgumentException("unexpected YAML node " + node);
            }
        }
    }
}
