package ca.archivium.dnscert.dns;

import static ca.archivium.dnscert.aws.AwsCalls.call;

import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.failure.Failure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One Route 53 gateway per role. Assumed-role credentials are cached per role and refreshed by the SDK's
 * {@link StsAssumeRoleCredentialsProvider} a few minutes before they expire, so a warm container calls
 * {@code AssumeRole} once per role, not once per request.
 */
public final class RoleSessions {
    static final String SESSION_NAME = "dns-validated-cert";

    private final ServiceClients clients;
    private final Map<DnsRole, Route53Gateway> gateways = new ConcurrentHashMap<>();

    public RoleSessions(ServiceClients clients) {
        this.clients = clients;
    }

    /** The gateway for {@code role}, built on first use. */
    public Route53Gateway route53(DnsRole role) {
        return gateways.computeIfAbsent(role, r -> new Route53Gateway(
            r.assumed() ? clients.route53(assumeRole(r)) : clients.route53()));
    }

    private AwsCredentialsProvider assumeRole(DnsRole role) {
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
            .stsClient(clients.sts())
            .refreshRequest(b -> b.roleArn(role.roleArn()).roleSessionName(SESSION_NAME).externalId(role.externalId()))
            .build();
        // The role is assumed lazily, inside the first Route 53 call; without this its failure (often AccessDenied
        // from a trust policy) would be reported as a failure of that Route 53 operation.
        return () -> {
            try {
                return call("AssumeRole", assumed::resolveCredentials);
            } catch (AwsCallException e) {
                throw "AccessDenied".equals(e.errorCode()) ? e.withAdvice(Failure.ASSUME_ROLE_DENIED) : e;
            }
        };
    }
}
