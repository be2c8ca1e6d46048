package ca.archivium.dnscert.waitloop;

/** What a step decided: look again after a wait, or answer CloudFormation. */
public enum StepOutcome {
    WAIT,
    DONE,
    FAILED
}
