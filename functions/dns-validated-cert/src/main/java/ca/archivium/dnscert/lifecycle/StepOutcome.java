package ca.archivium.dnscert.lifecycle;

/** What a step decided: look again after a wait, or answer CloudFormation. */
public enum StepOutcome {
    WAIT,
    DONE,
    FAILED
}
