package ca.archivium.dnscert.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never leaves the process: it answers each call priming makes with a recorded answer of the
 * service, so that priming runs the SDK's whole request path (endpoint rules, marshalling, signing, retries,
 * unmarshalling) for each protocol the functions speak without calling AWS.
 */
final class CannedAwsAnswers implements SdkHttpClient {
    /** X-Amz-Target of the JSON protocols (ACM, Step Functions, KMS) to the recorded answer. */
    private static final Map<String, String> JSON_ANSWERS = Map.of(
        "CertificateManager.DescribeCertificate", "acm-describe-certificate.json",
        "AWSStepFunctions.StartExecution", "sfn-start-execution.json",
        "TrentService.Encrypt", "kms-encrypt.json",
        "TrentService.Decrypt", "kms-decrypt.json");

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
        String answer;
        String contentType;
        if (target != null) {
            answer = JSON_ANSWERS.get(target);
            contentType = "application/x-amz-json-1.1";
        } else if (request.httpRequest().encodedPath().endsWith("/hostedzonesbyname")) {
            answer = "route53-list-hosted-zones-by-name.xml";
            contentType = "text/xml";
        } else {
            answer = "sts-assume-role.xml";
            contentType = "text/xml";
        }
        if (answer == null) {
            throw new IllegalArgumentException("no recorded answer for " + target);
        }
        byte[] body = recorded(answer);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                    .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", contentType)
                        .putHeader("Content-Length", Integer.toString(body.length)).build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                    .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
    }

    private static byte[] recorded(String name) {
        try (InputStream in = CannedAwsAnswers.class.getResourceAsStream("priming/" + name)) {
            if (in == null) {
                throw new IllegalStateException("priming/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
