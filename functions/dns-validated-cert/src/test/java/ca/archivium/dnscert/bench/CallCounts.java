package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateExport;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * AWS calls per certificate, by operation, counted by the proxy (so SDK retries count too), for the five shapes of
 * request in the product's life. Each run starts from an empty moto; the figures are medians over the runs.
 */
final class CallCounts {
    /** moto issues after this long: two wait-loop looks (first at 4–6 s, the next 5.6–8.4 s later) for a create. */
    static final int ISSUE_AFTER_SECONDS = 8;
    private static final Pattern WAIT_STEP = Pattern.compile("looking again in \\d+ s");

    /** The calls of one scenario: median count per operation, and how many wait-loop steps there were. */
    record Counts(String scenario, Map<String, Double> calls, double waitSteps, String goal) {
        double total() {
            return calls.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final Workbench bench;

    CallCounts(Workbench bench) {
        this.bench = bench;
    }

    List<Counts> measure() {
        List<Counts> results = new ArrayList<>();
        try (Emulator waiting = new Emulator(ISSUE_AFTER_SECONDS); Emulator issued = new Emulator(0)) {
            results.add(median("Create: 1 name, 1 zone", this::oneName, waiting,
                "1 RequestCertificate, 1 ChangeResourceRecordSets, zone look-ups to the first match, 1 DescribeCertificate per wait step"));
            results.add(median("Create: 4 names, 2 zones, 2 accounts (1 role)", this::fourNamesTwoAccounts, waiting,
                "1 RequestCertificate, 2 ChangeResourceRecordSets, 1 AssumeRole"));
            results.add(median("Create reusing an ISSUED certificate", this::reuse, issued, "no RequestCertificate"));
            results.add(median("Update of tags", this::updateTags, issued, "tags only"));
            results.add(median("Delete", this::delete, issued, "1 DeleteCertificate"));
        }
        return results;
    }

    private interface Scenario {
        ProcessRun run(Emulator emulator);
    }

    private Counts median(String name, Scenario scenario, Emulator emulator, String goal) {
        List<Map<String, Integer>> runs = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        // The counts hardly vary from run to run; three runs show that they do not, without a minute each more.
        for (int i = 0; i < Math.min(bench.runs(), 3); i++) {
            emulator.resetWithZones();
            ProcessRun run = scenario.run(emulator);
            runs.add(emulator.proxy().calls());
            Matcher matcher = WAIT_STEP.matcher(run.output());
            int count = 0;
            while (matcher.find()) {
                count++;
            }
            steps.add(count);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        new TreeSet<>(runs.stream().flatMap(r -> r.keySet().stream()).toList()).forEach(operation ->
            medians.put(operation, Stats.median(runs.stream().map(r -> r.getOrDefault(operation, 0)).toList())));
        return new Counts(name, medians, Stats.median(steps), goal);
    }

    private ProcessRun oneName(Emulator emulator) {
        return invokeAndCheck(emulator, bench.events().create("Site", Events.properties("www.example.com")), "SUCCESS");
    }

    private ProcessRun fourNamesTwoAccounts(Emulator emulator) {
        ObjectNode properties = Events.properties("www.example.com");
        properties.putArray("SubjectAlternativeNames").add("example.com").add("app.example.org").add("api.example.org");
        ArrayNode overrides = properties.putArray("DomainValidationOptions");
        for (String name : List.of("app.example.org", "api.example.org")) {
            overrides.addObject().put("DomainName", name).put("HostedZoneRoleArn", Emulator.DNS_ROLE);
        }
        return invokeAndCheck(emulator, bench.events().create("Site", properties), "SUCCESS");
    }

    private ProcessRun reuse(Emulator emulator) {
        try (AcmClient acm = emulator.direct().acm()) {
            String arn = acm.requestCertificate(request -> request.domainName("www.example.com")
                .validationMethod(ValidationMethod.DNS).options(o -> o.export(CertificateExport.DISABLED)))
                .certificateArn();
            CertificateDetail detail = acm.describeCertificate(request -> request.certificateArn(arn)).certificate();
            if (detail.status() != CertificateStatus.ISSUED) {
                throw new IllegalStateException("the certificate to reuse is " + detail.status() + ", not ISSUED");
            }
        }
        ObjectNode properties = Events.properties("www.example.com");
        properties.put("ReuseExistingCertificate", "true");
        return invokeAndCheck(emulator, bench.events().create("Site", properties), "SUCCESS");
    }

    private ProcessRun updateTags(Emulator emulator) {
        ObjectNode before = Events.properties("www.example.com");
        before.putArray("Tags").addObject().put("Key", "team").put("Value", "web");
        String arn = created(emulator, before);
        ObjectNode after = Events.properties("www.example.com");
        after.putArray("Tags").addObject().put("Key", "team").put("Value", "platform");
        return invokeAndCheck(emulator, bench.events().update("Site", arn, after, before), "SUCCESS");
    }

    private ProcessRun delete(Emulator emulator) {
        ObjectNode properties = Events.properties("www.example.com");
        String arn = created(emulator, properties);
        return invokeAndCheck(emulator, bench.events().delete("Site", arn, properties), "SUCCESS");
    }

    /** Creates the certificate the measured request starts from; its calls are not counted. */
    private String created(Emulator emulator, ObjectNode properties) {
        ObjectNode event = bench.events().create("Site", properties);
        ProcessRun run = bench.invoke(event, emulator.environment()).requireSuccess("the set-up Create");
        String arn = bench.answerTo(event, run).physicalResourceId();
        emulator.proxy().resetCounts();
        return arn;
    }

    private ProcessRun invokeAndCheck(Emulator emulator, ObjectNode event, String expectedStatus) {
        ProcessRun run = bench.invoke(event, emulator.environment()).requireSuccess(event.path("RequestType").asText());
        TimedSink.Answer answer = bench.answerTo(event, run);
        if (!answer.status().equals(expectedStatus)) {
            throw new IllegalStateException(event.path("RequestType").asText() + " answered " + answer.body()
                + "; output:\n" + run.output());
        }
        return run;
    }

    /** The operations every scenario's table row lists, in a stable order. */
    static List<String> operations(List<Counts> results) {
        return new ArrayList<>(new TreeMap<>(results.stream().flatMap(c -> c.calls().keySet().stream())
            .collect(java.util.stream.Collectors.toMap(op -> op, op -> 0, (a, b) -> a))).keySet());
    }
}
