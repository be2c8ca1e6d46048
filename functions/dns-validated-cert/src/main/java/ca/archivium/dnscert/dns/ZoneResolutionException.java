package ca.archivium.dnscert.dns;

import java.util.List;

/** One or more names have no usable hosted zone; nothing has been created. */
public final class ZoneResolutionException extends RuntimeException {

    /** @param problems one line per name that could not be placed */
    public ZoneResolutionException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
