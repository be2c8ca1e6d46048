package ca.archivium.dnscert.cfn;

import java.util.Arrays;
import java.util.Optional;

/** The three CloudFormation custom-resource request types. */
public enum RequestType {
    CREATE("Create"),
    UPDATE("Update"),
    DELETE("Delete");

    private final String wireName;

    RequestType(String wireName) {
        this.wireName = wireName;
    }

    /** The value as CloudFormation sends it in {@code RequestType}. */
    public String wireName() {
        return wireName;
    }

    /** The type for a {@code RequestType} value, matched exactly as CloudFormation spells it. */
    public static Optional<RequestType> fromWireName(String value) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(value)).findFirst();
    }
}
