package ca.archivium.dnscert.cli;

import java.io.PrintStream;
import java.util.List;

/** One command of the command line: its usage text and what it does. */
interface Command {

    /** The command's usage: its synopsis, options and an example, as printed after a bad argument. */
    String usage();

    /**
     * Runs the command. Results go to {@code out}, progress and problems to {@code err}.
     *
     * @param args the arguments after the command's name
     * @return the exit code: {@link Main#OK} or {@link Main#FAILED}
     * @throws BadArgumentsException when the arguments cannot be used; nothing has been done then
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException;
}
