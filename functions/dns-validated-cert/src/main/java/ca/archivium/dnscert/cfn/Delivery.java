package ca.archivium.dnscert.cfn;

/**
 * A response CloudFormation's bucket accepted.
 *
 * @param status   the HTTP status of the accepting attempt
 * @param attempts attempts made, the accepting one included
 */
public record Delivery(int status, int attempts) {
}
