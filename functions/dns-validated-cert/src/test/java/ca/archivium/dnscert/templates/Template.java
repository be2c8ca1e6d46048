package ca.archivium.dnscert.templates;

import java.util.Map;

/**
 * A CloudFormation template read into plain maps and lists, intrinsic functions in their long form
 * ({@code {Ref: X}}, {@code {Fn::Sub: ...}}).
 *
 * @param name the file name, for messages
 * @param root the whole document
 */
record Template(String name, Map<String, Object> root) {

    /** Logical id to resource definition. */
    Map<String, Object> resources() {
        return section("Resources");
    }

    /** Parameter name to parameter definition. */
    Map<String, Object> parameters() {
        return section("Parameters");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String key) {
        Object section = root.get(key);
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
