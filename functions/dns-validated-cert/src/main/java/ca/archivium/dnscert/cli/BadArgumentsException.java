package ca.archivium.dnscert.cli;

/**
 * The command line was not understood, or an option's value cannot be accepted: the command prints the message and
 * its usage, and exits with {@link Main#USAGE}. Nothing has been created.
 */
final class BadArgumentsException extends RuntimeException {
    BadArgumentsException(String message) {
        super(message);
    }
}
