package ca.archivium.dnscert.templates;

import java.util.Map;

/**
 * A CloudFormation template read into plain maps and lists, intrinsic functions in their long form
 * ({@code {Ref: X}}, {@code {Fn::Sub: ...}}).
 *
 * @param name the file name, for messages
 * @param root the whole document
 */
public record Template(String name, Map<String, Object> root) {

    /** Logical id to resource definition. */
    public Map<String, Object> resources() {
        return section("Resources");
    }

    /** Parameter name to parameter definition. */
    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    /** Section name (such as {@code Globals}, a SAM section) to its content; empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String key) {
        Object section = root.get(key);
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
