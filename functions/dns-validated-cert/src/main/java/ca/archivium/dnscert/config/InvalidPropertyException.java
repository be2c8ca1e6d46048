package ca.archivium.dnscert.config;

/**
 * A resource property that cannot be accepted. The message always starts with the property's path
 * ({@code SubjectAlternativeNames[2]}, {@code Tags[0].Key}) because it is all a CloudFormation user sees.
 */
public final class InvalidPropertyException extends RuntimeException {
    private final String property;

    public InvalidPropertyException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
    }

    /** The path of the offending property, as written in the template. */
    public String property() {
        return property;
    }
}
