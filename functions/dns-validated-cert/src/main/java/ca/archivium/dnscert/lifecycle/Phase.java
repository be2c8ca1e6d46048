package ca.archivium.dnscert.lifecycle;

/** What the wait loop is waiting for. */
public enum Phase {
    /** ACM has not yet produced every validation record; write them once it has. */
    WRITE_RECORDS,
    /** The records are in place; wait until ACM issues the certificate. */
    AWAIT_ISSUANCE,
    /** A delete was refused because the certificate is still in use; try again. */
    RELEASE
}
