package ca.archivium.dnscert.config;

/** A certificate tag as given in {@code Tags}. */
public record Tag(String key, String value) {
}
