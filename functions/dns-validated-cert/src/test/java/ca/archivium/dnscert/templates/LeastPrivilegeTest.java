package ca.archivium.dnscert.templates;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IAM policies of {@code template.yaml} and every {@code examples/*.yaml} grant no more than the product
 * needs: no wildcard actions, ChangeResourceRecordSets only for ACM validation records, no AssumeRole on any
 * role, Resource '*' only for actions without resource-level permissions, and no role trusting '*' or a whole
 * account. The fixtures under {@code src/test/resources/templates/} prove each rule reports what it should.
 */
@IntegrationTest
class LeastPrivilegeTest {

    static Stream<Path> projectTemplates() {
        Path root = repositoryRoot();
        List<Path> templates = new ArrayList<>(List.of(root.resolve("template.yaml")));
        try (Stream<Path> examples = Files.list(root.resolve("examples"))) {
            examples.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().forEach(templates::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return templates.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectTemplates")
    void everyPolicyIsLeastPrivilege(Path file) {
        assertThat(LeastPrivilegeRules.violations(CloudFormationYaml.read(file)))
            .as("least-privilege findings in %s", file)
            .isEmpty();
    }

    @Test
    void theExamplesAreThere() {
        assertThat(projectTemplates().map(p -> p.getFileName().toString()))
            .as("templates checked")
            .contains("template.yaml", "cloudfront-site.yaml", "cross-account.yaml", "dns-account-role.yaml");
    }

    @Test
    void theDnsAccountRoleTrustsExactlyTheFunctionRolesThatWriteRecords() {
        Template template = CloudFormationYaml.read(repositoryRoot().resolve("examples/dns-account-role.yaml"));
        Map<?, ?> role = (Map<?, ?>) template.resources().get("DnsValidationRole");
        Map<?, ?> trust = (Map<?, ?>) ((Map<?, ?>) role.get("Properties")).get("AssumeRolePolicyDocument");
        assertThat(trust.get("Statement"))
            .as("the DNS role's trust policy: only the resource handler's, Reconcile's and (when given) the renewal"
                + " guardian's roles may assume it")
            .isEqualTo(List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("AWS", List.of(Map.of("Ref", "ResourceHandlerRoleArn"), Map.of("Ref", "ReconcileRoleArn"),
                    Map.of("Fn::If", List.of("HasRenewalGuardian", Map.of("Ref", "RenewalGuardianRoleArn"),
                        Map.of("Ref", "AWS::NoValue"))))),
                "Action", "sts:AssumeRole",
                "Condition", Map.of("Fn::If", List.of(
                    "HasExternalId",
                    Map.of("StringEquals", Map.of("sts:ExternalId", Map.of("Ref", "ExternalId"))),
                    Map.of("Ref", "AWS::NoValue"))))));
    }

    @Test
    void theFunctionsAndTheDnsRoleMayReadEachZonesNameServersForTheDnsChecks() {
        // The DNS pre-flight compares public DNS's NS records with the zone's delegation set from GetHostedZone.
        Template template = CloudFormationYaml.read(repositoryRoot().resolve("template.yaml"));
        Map<?, ?> shared = (Map<?, ?>) ((Map<?, ?>) template.resources().get("CertificateAndDnsPolicy")).get("Properties");
        assertThat(statementsGranting((Map<?, ?>) shared.get("PolicyDocument"), "route53:GetHostedZone"))
            .as("the functions' shared policy grants GetHostedZone on hosted zones only")
            .singleElement().asString().contains("hostedzone/*");

        Template dnsAccount = CloudFormationYaml.read(repositoryRoot().resolve("examples/dns-account-role.yaml"));
        Map<?, ?> role = (Map<?, ?>) ((Map<?, ?>) dnsAccount.resources().get("DnsValidationRole")).get("Properties");
        Map<?, ?> policy = (Map<?, ?>) ((List<?>) role.get("Policies")).get(0);
        assertThat(statementsGranting((Map<?, ?>) policy.get("PolicyDocument"), "route53:GetHostedZone"))
            .as("the DNS role grants GetHostedZone on the listed zones only")
            .singleElement().asString().contains("HostedZoneIds");
    }

    @Test
    void theRenewalGuardianReadsCertificatesAndZonesAndMayOnlyUpsertValidationRecords() {
        Template template = CloudFormationYaml.read(repositoryRoot().resolve("template.yaml"));
        Map<?, ?> role = (Map<?, ?>) ((Map<?, ?>) template.resources().get("RenewalGuardianRole")).get("Properties");
        assertThat(role.get("ManagedPolicyArns")).as("the guardian does not share the functions' policy, which deletes")
            .isNull();
        List<Map<?, ?>> statements = ((List<?>) role.get("Policies")).stream()
            .flatMap(policy -> ((List<?>) ((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument")).get("Statement")).stream())
            .flatMap(statement -> statement instanceof Map<?, ?> map && map.containsKey("Fn::If")
                ? ((List<?>) map.get("Fn::If")).subList(1, 2).stream() : Stream.of(statement))
            .<Map<?, ?>>map(statement -> (Map<?, ?>) statement)
            .toList();
        List<String> actions = statements.stream().flatMap(s -> s.get("Action") instanceof List<?> list
            ? list.stream().map(String::valueOf) : Stream.of(String.valueOf(s.get("Action")))).sorted().toList();
        assertThat(actions).as("every action the guardian's role allows").containsExactly(
            "acm:DescribeCertificate", "acm:ListCertificates", "acm:ListTagsForCertificate",
            "logs:CreateLogStream", "logs:PutLogEvents",
            "route53:ChangeResourceRecordSets", "route53:GetHostedZone", "route53:ListResourceRecordSets",
            "sts:AssumeRole");
        Map<?, ?> writes = statements.stream().filter(s -> "route53:ChangeResourceRecordSets".equals(s.get("Action")))
            .findFirst().orElseThrow();
        assertThat(((Map<?, ?>) ((Map<?, ?>) writes.get("Condition")).get("ForAllValues:StringEquals"))
            .get("route53:ChangeResourceRecordSetsActions"))
            .as("the guardian writes back and never deletes").isEqualTo(List.of("UPSERT"));
        Map<?, ?> assume = statements.stream().filter(s -> "sts:AssumeRole".equals(s.get("Action"))).findFirst().orElseThrow();
        assertThat(assume.get("Resource")).as("only the DNS roles the stack names").isEqualTo(Map.of("Ref", "DnsRoleArns"));
    }

    /** The Resource of each statement of {@code document} whose Action names {@code action}. */
    private static List<Object> statementsGranting(Map<?, ?> document, String action) {
        return ((List<?>) document.get("Statement")).stream()
            .map(s -> (Map<?, ?>) s)
            .filter(s -> String.valueOf(s.get("Action")).contains(action))
            .map(s -> (Object) s.get("Resource"))
            .toList();
    }

    @Test
    void overPrivilegedPoliciesAreReported() {
        assertThat(LeastPrivilegeRules.violations(fixture("over-privileged.yaml"))).containsExactlyInAnyOrder(
            "over-privileged.yaml: EverythingPolicy, PolicyDocument statement Everything:"
                + " action '*' is a wildcard; name each action the code calls",
            "over-privileged.yaml: ServiceWildcardRole, Policies[all-of-s3] statement #1:"
                + " action 's3:*' is a wildcard; name each action the code calls",
            "over-privileged.yaml: RecordWritesWithoutConditions, PolicyDocument statement AnyRecord:"
                + " route53:ChangeResourceRecordSets must be limited to validation record names:"
                + " ForAllValues:StringLike route53:ChangeResourceRecordSetsNormalizedRecordNames ['_*']",
            "over-privileged.yaml: RecordWritesWithoutConditions, PolicyDocument statement AnyRecord:"
                + " route53:ChangeResourceRecordSets must be limited to CNAME records:"
                + " ForAllValues:StringEquals route53:ChangeResourceRecordSetsRecordTypes [CNAME]",
            "over-privileged.yaml: RecordWritesWithoutConditions, PolicyDocument statement AnyRecord:"
                + " route53:ChangeResourceRecordSets must be limited to UPSERT and DELETE:"
                + " ForAllValues:StringEquals route53:ChangeResourceRecordSetsActions [UPSERT, DELETE]",
            "over-privileged.yaml: RecordWritesForAnyValue, Policies[0] statement AnyValueOnly:"
                + " route53:ChangeResourceRecordSets must be limited to validation record names:"
                + " ForAllValues:StringLike route53:ChangeResourceRecordSetsNormalizedRecordNames ['_*']",
            "over-privileged.yaml: RecordWritesOfOtherTypes, PolicyDocument statement CnameAndA:"
                + " route53:ChangeResourceRecordSets must be limited to CNAME records:"
                + " ForAllValues:StringEquals route53:ChangeResourceRecordSetsRecordTypes [CNAME]",
            "over-privileged.yaml: RecordCreates, PolicyDocument statement CreateToo:"
                + " route53:ChangeResourceRecordSets must be limited to UPSERT and DELETE:"
                + " ForAllValues:StringEquals route53:ChangeResourceRecordSetsActions [UPSERT, DELETE]",
            "over-privileged.yaml: AssumeAnyRole, PolicyDocument statement AnyRole:"
                + " sts:AssumeRole on Resource '*' can assume any role that trusts this one; name the roles",
            "over-privileged.yaml: AssumeRolesByPattern, PolicyDocument statement EveryRoleOfAnAccount:"
                + " sts:AssumeRole on 'arn:aws:iam::123456789012:role/*' can assume every role it matches; name the roles",
            "over-privileged.yaml: AssumeRolesFromParameter, PolicyDocument statement RolesFromParameter:"
                + " Resource takes parameter AnyRoleArns, which accepts wildcards such as '*';"
                + " give it an AllowedPattern that keeps them out",
            "over-privileged.yaml: DescribeAnyCertificate, PolicyDocument statement DescribeAndList:"
                + " Resource '*' for [acm:describecertificate], which support resource-level permissions; name the resources",
            "over-privileged.yaml: FollowAnyChange, PolicyDocument statement #1:"
                + " Resource '*' for [route53:getchange], which support resource-level permissions; name the resources",
            "over-privileged.yaml: LogsAnywhere, PolicyDocument statement PutAnywhere:"
                + " Resource '*' for [logs:createlogstream, logs:putlogevents], which support resource-level permissions;"
                + " name the resources",
            "over-privileged.yaml: AllButIam, PolicyDocument statement NotIam:"
                + " Allow with NotAction grants every action but the ones listed; list the actions instead",
            "over-privileged.yaml: FunctionWithManagedPolicies, Policies[0]: AWSLambdaBasicExecutionRole is a managed"
                + " policy or a SAM policy template, which cannot be checked here; write its statements inline",
            "over-privileged.yaml: FunctionWithManagedPolicies, Policies[1]: {S3ReadPolicy={BucketName=site-bucket}} is a"
                + " managed policy or a SAM policy template, which cannot be checked here; write its statements inline",
            "over-privileged.yaml: RoleWithForeignManagedPolicy, ManagedPolicyArns: arn:aws:iam::aws:policy/AdministratorAccess"
                + " is not a policy of this template, so it cannot be checked; write it here as an AWS::IAM::ManagedPolicy");
    }

    @Test
    void overTrustingRolesAreReported() {
        assertThat(LeastPrivilegeRules.violations(fixture("over-trusting.yaml"))).containsExactlyInAnyOrder(
            "over-trusting.yaml: TrustsEveryone, AssumeRolePolicyDocument statement #1:"
                + " trusts every principal ('*'); name the roles",
            "over-trusting.yaml: TrustsEveryAwsPrincipal, AssumeRolePolicyDocument statement AnyAws:"
                + " trusts every AWS principal ('*'); name the roles",
            "over-trusting.yaml: TrustsAccountRoot, AssumeRolePolicyDocument statement #1:"
                + " trusts the whole account arn:aws:iam::123456789012:root (any of its users and roles allowed"
                + " sts:AssumeRole); name the roles",
            "over-trusting.yaml: TrustsAccountRoot, AssumeRolePolicyDocument statement #1:"
                + " trusts the whole account 210987654321 (any of its users and roles allowed sts:AssumeRole);"
                + " name the roles",
            "over-trusting.yaml: TrustsOwnAccount, AssumeRolePolicyDocument statement #1:"
                + " trusts the whole account {Fn::Sub=arn:${AWS::Partition}:iam::${AWS::AccountId}:root} (any of its"
                + " users and roles allowed sts:AssumeRole); name the roles",
            "over-trusting.yaml: TrustsParameters, AssumeRolePolicyDocument statement #1:"
                + " trusts parameter UncheckedRoleArn, which accepts '*' or a whole account;"
                + " give it an AllowedPattern that admits role ARNs only",
            "over-trusting.yaml: TrustsParameters, AssumeRolePolicyDocument statement #1:"
                + " trusts parameter AccountWideRoleArn, which accepts '*' or a whole account;"
                + " give it an AllowedPattern that admits role ARNs only");
    }

    @Test
    void shortFormFunctionsReadAsTheirLongForm() {
        Map<?, ?> resource = (Map<?, ?>) fixture("short-form-functions.yaml").resources().get("Example");
        Map<?, ?> properties = (Map<?, ?>) resource.get("Properties");
        assertThat(properties.get("TopicName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-topic"));
        assertThat(properties.get("DisplayName"))
            .isEqualTo(Map.of("Fn::If", List.of("HasName", Map.of("Ref", "Name"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(properties.get("KmsMasterKeyId")).isEqualTo(Map.of("Fn::GetAtt", List.of("Key", "Arn")));
        Object split = Map.of("Fn::Split", List.of(",", "b,c"));
        Object joined = Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Fn::Select", List.of(0, split)))));
        assertThat(properties.get("Tags")).isEqualTo(List.of(
            Map.of("Key", "joined", "Value", joined),
            Map.of("Key", "chosen", "Value", Map.of("Condition", "HasName"))));
    }

    private static Template fixture(String name) {
        try {
            return CloudFormationYaml.read(Path.of(LeastPrivilegeTest.class.getResource("/templates/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory holding template.yaml, found upwards from where the tests run (the module directory). */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml with examples/ beside it above " + Path.of("").toAbsolutePath());
    }
}
