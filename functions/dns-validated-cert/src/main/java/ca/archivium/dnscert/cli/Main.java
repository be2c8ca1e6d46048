package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The command line: {@code java -jar dns-validated-cert.jar <command> ...}, with the commands {@code provision},
 * {@code status}, {@code delete}, {@code invoke} and {@code renewals}. Credentials, region and endpoints come from the SDK's standard
 * sources, so it works against AWS and against an emulator alike.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param clock       the time waits and deadlines are measured in
     * @param sleeper     how the command line waits between looks (the real one blocks the thread)
     * @param random      jitter of the waits, and the request token that makes each provision a new request
     * @param environment the environment variables ({@code System::getenv})
     */
    Main(Clock clock, Sleeper sleeper, RandomGenerator random, UnaryOperator<String> environment) {
        commands.put("provision", new ProvisionCommand(clock, sleeper, random));
        commands.put("status", new StatusCommand(sleeper));
        commands.put("delete", new DeleteCommand(sleeper));
        commands.put("invoke", new InvokeCommand(clock, sleeper, random, environment));
        commands.put("renewals", new RenewalsCommand(clock));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command with the real clock, sleeper and environment; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        // The command line's waits are the wait loop's (issuance, Retry delays): bounded by the longest of them.
        return new Main(Clock.systemUTC(), Sleeper.atMost(InProcessStateMachine.LONGEST_WAIT), RandomGenerator.getDefault(),
            System::getenv)
            .execute(args, out, err);
    }

    int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(usage());
            return USAGE;
        }
        if (List.of("-h", "--help", "help").contains(args[0])) {
            out.println(usage());
            return OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("error: unknown command '" + args[0] + "'");
            err.println(usage());
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("-h") || rest.contains("--help")) {
            out.println("usage:\n" + command.usage());
            return OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (BadArgumentsException e) {
            err.println("error: " + e.getMessage());
            err.println("usage:\n" + command.usage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return FAILED;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private String usage() {
        return "usage: dns-validated-cert <command> [arguments]\n\ncommands:\n"
            + commands.values().stream().map(c -> c.usage().indent(2).stripTrailing()).collect(Collectors.joining("\n\n"))
            + """


            AWS credentials, region and endpoints come from the usual places (AWS_REGION, AWS_PROFILE,
            AWS_ENDPOINT_URL, ...). Exit codes: 0 done, 1 failed, 2 bad arguments.""";
    }
}
