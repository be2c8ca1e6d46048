package ca.archivium.dnscert.waitloop;

/** Where a request that needs waiting goes: the Step Functions loop, or an in-process loop on the command line. */
public interface WaitLoop {

    /**
     * Starts the loop with {@code state}, first waiting {@code state.waitSeconds()}.
     *
     * @return false when a loop with this name already exists: this delivery of the request is already handled
     */
    boolean start(String name, StepState state);
}
