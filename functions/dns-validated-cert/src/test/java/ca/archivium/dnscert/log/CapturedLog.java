package ca.archivium.dnscert.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A {@link JsonLog} that writes into memory, on a clock stopped at {@link #NOW}, and what it wrote. */
final class CapturedLog {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(captured, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    JsonLog log() {
        return log;
    }

    String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output().split("\n")) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("every log line must be one JSON object, got: " + line, e);
            }
        }
        return lines;
    }
}
