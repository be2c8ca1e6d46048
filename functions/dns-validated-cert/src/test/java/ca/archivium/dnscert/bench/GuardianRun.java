package ca.archivium.dnscert.bench;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.KnotServer;
import ca.archivium.dnscert.testing.MotoServer;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.RateLimit;
import ca.archivium.dnscert.testing.Route53Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * One run of the renewal guardian over {@value #SMALL} and {@value #LARGE} certificates of the product: the survey of
 * every ACM region of the partition that {@code renewals --fix} makes (the guardian function's code), in a fresh
 * process through {@code bin/dnscert}, with 1% of the validation records (at least one) deleted beforehand. The
 * certificates have two names each (two records), four in five in the command's region and one in five in us-east-1,
 * all in one hosted zone; public DNS is a local Knot DNS server serving that zone when {@code knotd} is installed,
 * else off. The large survey runs twice: at moto's speed, then with ACM's and Route 53's published request rates
 * enforced by the proxy (beyond them it answers with the throttling error AWS sends, and the SDK backs off), which is
 * what a run in AWS waits for.
 *
 * <p>moto makes one key per size here (the tests' sitecustomize): making 1,000 certificates is set-up, not measured.
 */
final class GuardianRun {
    static final int SMALL = 10;
    static final int LARGE = 1_000;
    private static final String HOME_REGION = AwsTestEnvironment.REGION.id();
    private static final String OTHER_REGION = "us-east-1";
    /**
     * ACM's requests per second for each account and region (ACM User Guide, "Quotas", API rate quotas: 10 for
     * DescribeCertificate and ListTagsForCertificate; 1 for ListCertificates in the 2023 page, 5 in an older one:
     * the lower is enforced); Route 53's five per account for all its calls (Route 53 Developer Guide, "Quotas").
     */
    static final Map<String, Double> ACM_RATES = Map.of("DescribeCertificate", 10.0, "ListTagsForCertificate", 10.0,
        "ListCertificates", 1.0);
    static final double ROUTE53_RATE = 5.0;
    private static final Pattern SIGNING_REGION = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");
    /** What moto 5.2.1 gives every zone as its delegation set. */
    private static final List<String> MOTO_NAME_SERVERS = List.of("ns-2048.awsdns-64.com", "ns-2049.awsdns-65.net",
        "ns-2050.awsdns-66.org", "ns-2051.awsdns-67.co.uk");

    /** One measured run. */
    record Figures(String label, int certificates, boolean awsRates, boolean publicDns, double wallSeconds,
                   double cpuSeconds, double peakRssMb, Map<String, Integer> calls, int throttled, int restored,
                   int atRisk, int outputBytes) {
        int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Workbench bench;

    GuardianRun(Workbench bench) {
        this.bench = bench;
    }

    List<Figures> measure() {
        List<Figures> results = new ArrayList<>();
        KnotServer knot = null;
        try (MotoServer moto = MotoServer.start(0)) {
            knot = startKnot();
            for (int size : List.of(SMALL, LARGE)) {
                moto.reset();
                Fleet fleet = Fleet.make(new AwsTestEnvironment(moto.rawEndpoint()), size);
                if (knot != null) {
                    knot.serve(Map.of("example.com", fleet.zoneFile()));
                }
                if (size == SMALL) {
                    // The launcher makes its start-up cache on the first run with this jar: not a run to measure.
                    run(moto, fleet, false, knot);
                }
                results.add(run(moto, fleet, false, knot));
                if (size == LARGE) {
                    results.add(run(moto, fleet, true, knot));
                }
            }
        } finally {
            if (knot != null) {
                knot.close();
            }
        }
        return results;
    }

    private Figures run(MotoServer moto, Fleet fleet, boolean awsRates, KnotServer knot) {
        fleet.deleteSome();
        try (FaultProxy proxy = FaultProxy.start(moto.rawEndpoint())) {
            List<RateLimit> limits = new ArrayList<>();
            if (awsRates) {
                Function<ProxiedRequest, String> perRegion = request -> request.call().accessKeyId() + "/" + region(request);
                ACM_RATES.forEach((operation, rate) -> {
                    RateLimit limit = RateLimit.perSecond(rate, perRegion);
                    limits.add(limit);
                    proxy.every(operation).throttleBeyond(limit);
                });
                RateLimit route53 = RateLimit.perSecond(ROUTE53_RATE, RateLimit.PER_ACCESS_KEY);
                limits.add(route53);
                proxy.every(FaultProxy.ANY_OPERATION).when(request -> request.call().service().equals("route53"))
                    .throttleBeyond(route53);
            }
            Map<String, String> environment = new LinkedHashMap<>(new AwsTestEnvironment(proxy.endpoint()).environmentVariables());
            environment.put("DNSCERT_RESOLVER", knot == null ? "off" : knot.address());
            ProcessRun run = ProcessRun.of(bench.root(), List.of(bench.root().resolve("bin/dnscert").toString(), "renewals",
                "--fix", "--json"), environment, bench.scratch());
            String json = run.output().substring(run.output().indexOf('{'));
            JsonNode report = Events.JSON.readTree(json);
            if (report.path("Certificates").asInt() != fleet.size() || !report.path("RegionsUnchecked").isEmpty()) {
                throw new IllegalStateException("the guardian's run did not see the fleet: " + run.output());
            }
            return new Figures((awsRates ? "at AWS's request rates" : "at moto's speed"), fleet.size(), awsRates,
                knot != null, run.wallSeconds(), run.cpuSeconds(), run.peakRssMb(), new TreeMap<>(proxy.calls()),
                limits.stream().mapToInt(RateLimit::throttled).sum(), report.path("RecordsRestored").asInt(),
                report.path("AtRisk").asInt(), json.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String region(ProxiedRequest request) {
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Authorization")) {
                Matcher matcher = SIGNING_REGION.matcher(header.getValue().get(0));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return "";
    }

    private static KnotServer startKnot() {
        try {
            // Knot's working folder goes under target/ of the folder the benchmark runs in.
            Files.createDirectories(Path.of("target"));
            return KnotServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException notInstalled) {
            System.out.println("(no Knot DNS: the guardian runs with public DNS look-ups off: " + notInstalled.getMessage() + ")");
            return null;
        }
    }

    /** The product's certificates as the resource leaves them: tagged, their records in the zone. */
    private record Fleet(AwsTestEnvironment aws, String zoneId, Map<String, String> records) {

        static Fleet make(AwsTestEnvironment aws, int size) {
            String zoneId;
            try (Route53Fixtures dns = aws.route53Fixtures()) {
                zoneId = dns.createPublicZone("example.com").id();
            }
            Map<String, String> records = new LinkedHashMap<>();
            try (AcmClient home = aws.acm(Region.of(HOME_REGION)); AcmClient other = aws.acm(Region.of(OTHER_REGION))) {
                for (int i = 0; i < size; i++) {
                    AcmClient acm = i % 5 == 4 ? other : home;
                    String owner = "site-" + i + "-stack/Certificate";
                    String name = "site-" + i + ".example.com";
                    String arn = acm.requestCertificate(b -> b.domainName(name).subjectAlternativeNames("www." + name)
                        .validationMethod(ValidationMethod.DNS).tags(
                            Tag.builder().key(OwnershipTags.CREATED_BY).value(owner).build(),
                            Tag.builder().key(OwnershipTags.usedByKey(owner)).value(owner).build(),
                            Tag.builder().key(ZoneTags.PREFIX + zoneId).value("").build())).certificateArn();
                    for (DomainValidation v : acm.describeCertificate(b -> b.certificateArn(arn)).certificate()
                            .domainValidationOptions()) {
                        records.put(v.resourceRecord().name(), v.resourceRecord().value());
                    }
                }
            }
            Fleet fleet = new Fleet(aws, zoneId, records);
            fleet.change(ChangeAction.UPSERT, List.copyOf(records.keySet()));
            return fleet;
        }

        int size() {
            return records.size() / 2;
        }

        /** 1% of the records (at least one) deleted behind the product's back. */
        void deleteSome() {
            List<String> names = List.copyOf(records.keySet());
            int count = Math.max(1, names.size() / 100);
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                gone.add(names.get(i * (names.size() / count)));
            }
            change(ChangeAction.DELETE, gone);
        }

        private void change(ChangeAction action, List<String> names) {
            try (Route53Client route53 = aws.route53()) {
                for (int from = 0; from < names.size(); from += 100) {
                    List<Change> batch = names.subList(from, Math.min(names.size(), from + 100)).stream()
                        .map(name -> Change.builder().action(action).resourceRecordSet(set -> set.name(name)
                            .type(RRType.CNAME).ttl(300L).resourceRecords(r -> r.value(records.get(name)))).build())
                        .toList();
                    route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(batch)));
                }
            }
        }

        /** The zone as public DNS serves it: delegated to the zone's name servers, every record in place. */
        String zoneFile() {
            StringBuilder zone = new StringBuilder();
            MOTO_NAME_SERVERS.forEach(ns -> zone.append("@ NS ").append(ns).append(".\n"));
            records.forEach((name, value) -> zone.append(name.endsWith(".") ? name : name + ".").append(" CNAME ")
                .append(value.endsWith(".") ? value : value + ".").append('\n'));
            return zone.toString();
        }
    }
}
