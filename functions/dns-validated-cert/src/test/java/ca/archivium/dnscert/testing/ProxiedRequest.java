package ca.archivium.dnscert.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request that reached the {@link FaultProxy}, as the client sent it.
 *
 * @param method       HTTP method
 * @param pathAndQuery the raw request target, path and query string as sent
 * @param headers      request headers as received
 * @param body         request body, possibly empty
 * @param call         the AWS operation the request calls
 */
public record ProxiedRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
                             AwsCall call) {

    /** The body as UTF-8 text, for rules that look into it (a certificate ARN, a record name). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
