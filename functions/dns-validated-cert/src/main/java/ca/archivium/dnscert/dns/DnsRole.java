package ca.archivium.dnscert.dns;

/**
 * How Route 53 is reached for a name: through an assumed role (possibly in another account), or with the
 * caller's own credentials when {@code roleArn} is null.
 */
public record DnsRole(String roleArn, String externalId) {
    /** The caller's own credentials. */
    public static final DnsRole OWN_CREDENTIALS = new DnsRole(null, null);

    public boolean assumed() {
        return roleArn != null;
    }

    /**
     * What zone look-ups can be cached by: zones belong to accounts, so two roles in one account see the same
     * zones. The caller's own account is not known without an extra call, so it is its own key.
     */
    public String accountKey() {
        return roleArn == null ? "own credentials" : "account " + roleArn.split(":")[4];
    }

    /** For messages: "role arn:aws:iam::…" or "this function's own credentials". */
    public String describe() {
        return roleArn == null ? "the function's own credentials" : "role " + roleArn;
    }
}
