package ca.archivium.dnscert.testing;

import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * The emulators a test class works against, as one JUnit extension registered on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);
 * }</pre>
 *
 * <p>It owns their lifecycle, so that no test wires them by hand:
 * <ul>
 *   <li>moto: one {@link MotoServer} per validation-wait value for the whole test run (moto reads the wait only
 *       when it starts, and starting one takes seconds), started before the first class that needs it and
 *       stopped when the run ends. It is wiped whenever a test takes it through {@link #freshMoto()} or
 *       {@link #freshMotoBehindProxy()}. Every request reaches it through the {@link AwsConformanceLayer}, which
 *       refuses what AWS refuses and answers as AWS answers; a test that needs moto as it comes says why
 *       ({@link #motoAsItComes(int, String)}).</li>
 *   <li>the {@link ProxiedMoto} (a fault proxy, the SDK system properties) that {@link #freshMotoBehindProxy()}
 *       hands out: closed after the test that asked for it (in its constructor, its {@code @BeforeEach} or its
 *       body), or after the class when asked for in {@code @BeforeAll}.</li>
 *   <li>Knot DNS ({@link #withKnot()}): one {@link KnotServer} per test class, with no zones until a test serves
 *       some, stopped after the class.</li>
 * </ul>
 * An emulator that does not start fails the class before any of its tests runs, with the emulator and the reason
 * in the message.
 */
public final class Emulators implements BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace RUN = ExtensionContext.Namespace.create(Emulators.class);

    private final Optional<Integer> acmValidationWaitSeconds;
    private final Optional<String> asItComesBecause;
    private final boolean knotWanted;
    private final Deque<ProxiedMoto> classScope = new ArrayDeque<>();
    private final Deque<ProxiedMoto> testScope = new ArrayDeque<>();
    private MotoServer moto;
    private KnotServer knot;
    private boolean inTest;

    private Emulators(Optional<Integer> acmValidationWaitSeconds, Optional<String> asItComesBecause,
                      boolean knotWanted) {
        this.acmValidationWaitSeconds = acmValidationWaitSeconds;
        this.asItComesBecause = asItComesBecause;
        this.knotWanted = knotWanted;
    }

    /**
     * moto whose pending ACM certificates turn ISSUED {@code acmValidationWaitSeconds} after they are requested,
     * behind the conformance layer: AWS's checks, answers and delays.
     */
    public static Emulators moto(int acmValidationWaitSeconds) {
        return new Emulators(Optional.of(acmValidationWaitSeconds), Optional.empty(), false);
    }

    /**
     * moto as it comes, past the conformance layer: nothing checked, nothing reshaped, no delays. Only for a test of
     * moto itself or of the layer; {@code reason} says which, and is required.
     */
    public static Emulators motoAsItComes(int acmValidationWaitSeconds, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why the test needs moto as it comes, not as AWS answers");
        }
        return new Emulators(Optional.of(acmValidationWaitSeconds), Optional.of(reason), false);
    }

    /** Knot DNS alone, as public DNS. */
    public static Emulators knot() {
        return new Emulators(Optional.empty(), Optional.empty(), true);
    }

    /** The same emulators and Knot DNS too. */
    public Emulators withKnot() {
        return new Emulators(acmValidationWaitSeconds, asItComesBecause, true);
    }

    /** The run's moto server for this validation wait, as the last test left it. */
    public MotoServer moto() {
        if (moto == null) {
            throw notStarted("moto");
        }
        return moto;
    }

    /** moto wiped, and clients to it through the conformance layer (straight to it when asked as it comes). */
    public AwsTestEnvironment freshMoto() {
        moto().reset();
        return new AwsTestEnvironment(entry());
    }

    /** moto wiped, behind a fresh fault proxy that default-built SDK clients reach until the scope ends. */
    public ProxiedMoto freshMotoBehindProxy() {
        moto().reset();
        ProxiedMoto proxied = ProxiedMoto.start(entry(), moto.conformance());
        (inTest ? testScope : classScope).push(proxied);
        return proxied;
    }

    /**
     * The conformance layer in front of this run's moto: its refusals, ACM's delays and the scripts a test sets
     * (failed requests, quotas, certificates in use, renewals), and the clock a test moves when it skips a wait.
     * Wiping moto puts it back as it started.
     */
    public AwsConformanceLayer conformance() {
        return moto().conformance();
    }

    private java.net.URI entry() {
        return asItComesBecause.isPresent() ? moto.rawEndpoint() : moto.endpoint();
    }

    /** The class's Knot DNS server. */
    public KnotServer knotServer() {
        if (knot == null) {
            throw notStarted("Knot DNS (Emulators.withKnot())");
        }
        return knot;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (acmValidationWaitSeconds.isPresent()) {
            int wait = acmValidationWaitSeconds.get();
            moto = startOrFail(context, "moto_server with MOTO_ACM_VALIDATION_WAIT=" + wait,
                () -> context.getRoot().getStore(RUN).getOrComputeIfAbsent("moto-acm-validation-wait-" + wait,
                    key -> MotoServer.start(wait), MotoServer.class));
            moto.conformance().scope(context.getRequiredTestClass().getSimpleName());
        }
        if (knotWanted) {
            knot = startOrFail(context, "Knot DNS (knotd)", KnotServer::start);
        }
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        inTest = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (moto != null) {
            moto.conformance().scope(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        closeAll(testScope);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        inTest = false;
        closeAll(classScope);
        if (knot != null) {
            knot.close();
            knot = null;
        }
        // moto stays up for the next class; the run's store stops it when the run ends.
        moto = null;
    }

    private static void closeAll(Deque<ProxiedMoto> scope) {
        while (!scope.isEmpty()) {
            scope.pop().close();
        }
    }

    private static <T> T startOrFail(ExtensionContext context, String emulator, Supplier<T> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(context.getDisplayName() + " needs " + emulator + ", which did not start: "
                + e.getMessage(), e);
        }
    }

    private static IllegalStateException notStarted(String emulator) {
        return new IllegalStateException(emulator + " is not running: register Emulators on a static field with"
            + " @RegisterExtension (it starts before the class's tests), and ask for what it was built with");
    }
}
