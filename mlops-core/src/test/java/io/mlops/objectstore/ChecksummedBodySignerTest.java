package io.mlops.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The signer's choices, with the stock SigV4 signer as the reference. (Its signatures are checked by a real
 * server in {@code S3RemoteTest.shouldRefuseWrongCredentialsClearlyAndWriteNothing}, whose good-credential
 * push goes through it.)
 */
class ChecksummedBodySignerTest {
    private static final AwsCredentialsIdentity KEY = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T04:00:00Z"), ZoneOffset.UTC);
    private static final byte[] BODY = "ten bytes!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldLeaveABodyThatContentMd5CoversUnhashedOverPlainHttp() {
        SignedRequest signed = sign(new ChecksummedBodySigner(), put("http", 9000, true));

        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
        assertThat(signed.request().firstMatchingHeader("Content-Encoding")).isEmpty();
        assertThat(signed.request().protocol()).isEqualTo("http");
        assertThat(signed.request().port()).isEqualTo(9000);
        assertThat(signed.request().firstMatchingHeader("Host")).hasValue("127.0.0.1:9000");
        assertThat(signed.request().firstMatchingHeader("Authorization").orElseThrow())
                .contains("content-md5")
                .as("the signature the stock signer gives the same request over https: scheme is not signed")
                .isEqualTo(authorization(sign(AwsV4HttpSigner.create(), put("https", 9000, true))));
    }

    @Test
    void shouldSignTheHostHeaderTheServerSeesOnTheDefaultPort() {
        SignedRequest signed = sign(new ChecksummedBodySigner(), put("http", 80, true));

        assertThat(signed.request().port()).isEqualTo(80);
        assertThat(signed.request().firstMatchingHeader("Host")).hasValue("127.0.0.1");
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
    }

    @Test
    void shouldHashABodyNoChecksumCoversAsTheStockSignerDoes() {
        SignedRequest signed = sign(new ChecksummedBodySigner(), put("http", 9000, false));
        SignedRequest stock = sign(AwsV4HttpSigner.create(), put("http", 9000, false));

        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow())
                .isNotEqualTo("UNSIGNED-PAYLOAD")
                .isEqualTo(stock.request()
                        .firstMatchingHeader("x-amz-content-sha256")
                        .orElseThrow());
        assertThat(authorization(signed)).isEqualTo(authorization(stock));
    }

    private static SdkHttpRequest put(String protocol, int port, boolean withMd5) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .protocol(protocol)
                .host("127.0.0.1")
                .port(port)
                .encodedPath("/bucket/files/md5/ab/cdef")
                .putHeader("Content-Length", Integer.toString(BODY.length));
        if (withMd5) {
            request.putHeader("Content-MD5", "h4kfbE0ffPaHdAGvtaR+qw==");
        }
        return request.build();
    }

    private static SignedRequest sign(HttpSigner<AwsCredentialsIdentity> signer, SdkHttpRequest request) {
        return signer.sign(SignRequest.builder(KEY)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)
                .build());
    }

    private static String authorization(SignedRequest signed) {
        return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
