package ca.archivium.dnscert.log;

import ca.archivium.dnscert.json.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Structured log: one JSON object per line, in the shape Lambda's JSON log format and CloudWatch Logs
 * Insights read ({@code timestamp}, {@code level}, {@code message}, then context and event fields).
 *
 * <p>A logger is immutable; {@link #with(String, Object)} derives one with one more context field, so a
 * request's id, stack and logical id are set once and carried by every line. Every string that is
 * written, context, message, field or exception text, goes through {@link Redaction#text(String)}: a
 * ResponseURL query or an AWS credential never reaches the log, whoever passed it in.
 */
public final class JsonLog {

    /**
     * Context field: the CloudFormation RequestId. Not {@code requestId}, which Lambda's own JSON log lines use for
     * the invocation.
     */
    public static final String REQUEST_ID = "cloudFormationRequestId";
    /** Field of every line written during a Lambda invocation: the invocation's id ({@code Context.getAwsRequestId}). */
    public static final String INVOCATION_ID = "invocationId";
    /** Context field: the stack name. */
    public static final String STACK = "stack";
    /** Context field: the resource's logical id in the template. */
    public static final String LOGICAL_ID = "logicalId";
    /** Context field: the certificate ARN, once known. */
    public static final String CERTIFICATE_ARN = "certificateArn";
    /** Context field: the lifecycle phase (validate, request, records, wait, respond...). */
    public static final String PHASE = "phase";

    /** Severity of a line. */
    public enum Level { INFO, WARN, ERROR }

    private static final Set<String> LINE_FIELDS = Set.of("timestamp", "level", "message");
    private static final int MAX_STACK_FRAMES = 25;
    private static final int MAX_CAUSES = 5;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Object> context;
    /** Shared by a logger and every logger derived from it: the invocation the current thread is serving. */
    private final ThreadLocal<String> invocation;

    /**
     * @param out   where lines go (stdout in Lambda; a captured stream in tests)
     * @param clock the source of each line's timestamp
     */
    public JsonLog(PrintStream out, Clock clock) {
        this(out, clock, Map.of(), new ThreadLocal<>());
    }

    private JsonLog(PrintStream out, Clock clock, Map<String, Object> context, ThreadLocal<String> invocation) {
        this.out = out;
        this.clock = clock;
        this.context = context;
        this.invocation = invocation;
    }

    /** A logger writing to standard output with the system UTC clock. */
    public static JsonLog toStandardOutput() {
        return new JsonLog(System.out, Clock.systemUTC());
    }

    /**
     * A logger that adds {@code key} to every line; a null value removes the key.
     *
     * @return a new logger, this one is unchanged
     */
    public JsonLog with(String key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(context);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        return new JsonLog(out, clock, Collections.unmodifiableMap(next), invocation);
    }

    /**
     * Until the returned scope is closed, every line this thread writes through this logger, or any logger derived
     * from it before or after, carries {@value #INVOCATION_ID}: a Lambda handler opens one per invocation, so that
     * the gateways' and the responder's lines, built once per container, carry it too.
     */
    public Scope invocation(String invocationId) {
        String previous = invocation.get();
        invocation.set(invocationId);
        return () -> {
            if (previous == null) {
                invocation.remove();
            } else {
                invocation.set(previous);
            }
        };
    }

    /** An open {@link #invocation} scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public void info(String message) {
        write(Level.INFO, message, Map.of(), null);
    }

    public void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields, null);
    }

    public void warn(String message) {
        write(Level.WARN, message, Map.of(), null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields, null);
    }

    public void error(String message, Throwable error) {
        write(Level.ERROR, message, Map.of(), error);
    }

    public void error(String message, Map<String, ?> fields, Throwable error) {
        write(Level.ERROR, message, fields, error);
    }

    /**
     * Writes one line at {@code level}.
     *
     * @param fields extra key/values for this line only; they never replace timestamp, level or message
     * @param error  optional; adds {@code errorType}, {@code errorMessage} and {@code stackTrace}
     */
    public void write(Level level, String message, Map<String, ?> fields, Throwable error) {
        ObjectNode line = NODES.objectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level.name());
        line.put("message", Redaction.text(message));
        putContext(line);
        putAll(line, fields);
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", Redaction.text(describe(error)));
            line.set("stackTrace", stackTrace(error));
        }
        print(line);
    }

    /** The source of every line's timestamp, {@link EmbeddedMetrics}' too. */
    Clock clock() {
        return clock;
    }

    /** Adds what every line written through this logger carries: the invocation id, then the context fields. */
    void putContext(ObjectNode line) {
        String id = invocation.get();
        if (id != null) {
            line.put(INVOCATION_ID, id);
        }
        putAll(line, context);
    }

    /** Null values are left out: a line never says "null" for something that is simply not known yet. */
    private void putAll(ObjectNode line, Map<String, ?> fields) {
        fields.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            String name = LINE_FIELDS.contains(key) || "_aws".equals(key) ? key + "_" : key;
            line.set(name, toNode(value));
        });
    }

    /** Keys and text redacted; an enum by its name, anything else by its redacted {@code toString}. */
    private static JsonNode toNode(Object value) {
        return JsonTrees.of(value, Redaction::text, other -> other instanceof Enum<?> e ? e.name() : other.toString());
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            text.append(" | caused by ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private static ArrayNode stackTrace(Throwable error) {
        ArrayNode frames = NODES.arrayNode();
        StackTraceElement[] trace = error.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, MAX_STACK_FRAMES); i++) {
            frames.add(Redaction.text(trace[i].toString()));
        }
        return frames;
    }

    /** Writes {@code line} as one line of output. */
    void print(ObjectNode line) {
        String text;
        try {
            text = JsonTrees.write(line);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // A tree of plain nodes always serialises; keep the signal if it somehow does not.
            text = "{\"level\":\"ERROR\",\"message\":\"log line could not be written\"}";
        }
        // One println per line: PrintStream locks per call, so concurrent lines never interleave.
        out.println(text);
    }
}
