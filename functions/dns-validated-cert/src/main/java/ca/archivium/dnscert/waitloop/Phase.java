package ca.archivium.dnscert.waitloop;

/** What the wait loop is waiting for. */
public enum Phase {
    /**
     * Resolve the zones and request or reuse the certificate: the resource handler does this itself, and hands it
     * to the loop only when AWS throttled it (many stacks deploying at once).
     */
    PROVISION("AWS to take requests again (throttled)"),
    /** ACM has not yet produced every validation record; write them once it has. */
    WRITE_RECORDS("ACM to give every validation record"),
    /** The records are in place; wait until ACM issues the certificate. */
    AWAIT_ISSUANCE("ACM to validate the names and issue the certificate"),
    /** A delete was refused because the certificate is still in use; try again. */
    RELEASE("the certificate to be detached from what uses it");

    private final String waitingFor;

    Phase(String waitingFor) {
        this.waitingFor = waitingFor;
    }

    /** What the loop waits for in this phase, for a person watching it: "ACM to give every validation record". */
    public String waitingFor() {
        return waitingFor;
    }
}
