package ca.archivium.dnscert.lifecycle;

/** What the wait loop is waiting for. */
public enum Phase {
    /**
     * Resolve the zones and request or reuse the certificate: the resource handler does this itself, and hands it
     * to the loop only when AWS throttled it (many stacks deploying at once).
     */
    PROVISION,
    /** ACM has not yet produced every validation record; write them once it has. */
    WRITE_RECORDS,
    /** The records are in place; wait until ACM issues the certificate. */
    AWAIT_ISSUANCE,
    /** A delete was refused because the certificate is still in use; try again. */
    RELEASE
}
