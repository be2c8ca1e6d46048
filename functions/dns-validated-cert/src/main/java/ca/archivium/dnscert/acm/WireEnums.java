package ca.archivium.dnscert.acm;

/** ACM's enumerated fields read by name, with a value for names added after this version was written. */
final class WireEnums {
    private WireEnums() {
    }

    /** The constant named {@code wire}; {@code unknown} for another name; null when ACM sent none. */
    static <E extends Enum<E>> E of(Class<E> type, String wire, E unknown) {
        if (wire == null) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(wire)) {
                return value;
            }
        }
        return unknown;
    }
}
