package ca.archivium.dnscert.dns;

import java.util.List;

/** One or more names have no usable hosted zone; nothing has been created. */
public final class ZoneResolutionException extends RuntimeException {
    private final List<String> problems;

    public ZoneResolutionException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per name that could not be placed. */
    public List<String> problems() {
        return problems;
    }
}
