package ca.archivium.dnscert.renewal;

/**
 * One thing the guardian found about a certificate.
 *
 * @param severity {@link Severity#RISK}: the certificate will not renew (or has not) unless someone acts;
 *                 {@link Severity#NOTE}: worth knowing, nothing to do now
 * @param text     the cause and, for a risk, the fix, in sentences
 * @param action   for a risk, what to do in a few words (the command's table shows it); null for a note
 */
public record Finding(Severity severity, String text, String action) {
    /** How much a finding matters. */
    public enum Severity { RISK, NOTE }

    static Finding risk(String text, String action) {
        return new Finding(Severity.RISK, text, action);
    }

    static Finding note(String text) {
        return new Finding(Severity.NOTE, text, null);
    }
}
