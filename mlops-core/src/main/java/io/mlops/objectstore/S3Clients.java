package io.mlops.objectstore;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens S3 clients from {@link S3Settings}: the one place that knows how the suite talks to an
 * S3-compatible server (HTTP client, retries with backoff on throttling and network faults, checksums).
 */
public final class S3Clients {
    /** Attempts per request, the first included: throttling (503 SlowDown) and dropped connections. */
    public static final int MAX_ATTEMPTS = 8;

    private S3Clients() {}

    /**
     * Opens a client.
     *
     * @param settings where and as whom
     * @param maxConnections the connection pool's size: at least the number of parallel transfers
     * @return the client; the caller closes it
     */
    public static S3Client open(S3Settings settings, int maxConnections) {
        var builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(Math.max(1, maxConnections))
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        // The SDK asks "Expect: 100-continue" before every upload body; servers that do not
                        // answer it (moto, some gateways) cost a wait of about a second per object, which made
                        // 10k small uploads run at 9 objects/s. Integrity is Content-MD5's job here.
                        .expectContinueEnabled(false))
                .region(region(settings))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // SigV4 without SHA-256 over bodies that Content-MD5 covers, over plain http too
                .putAuthScheme(new ChecksummedBodyScheme())
                // Checksums are sent and checked where S3 requires them; the transfers add their own MD5
                // checks (Content-MD5 on every upload). Newer default (CRC on every request) is refused by
                // some S3-compatible servers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(
                        config -> config.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The SigV4 scheme with {@link ChecksummedBodySigner}: what S3 asks for, "aws.auth#sigv4". */
    private static final class ChecksummedBodyScheme implements AwsV4AuthScheme {
        private final AwsV4HttpSigner signer = new ChecksummedBodySigner();

        @Override
        public String schemeId() {
            return AwsV4AuthScheme.SCHEME_ID;
        }

        @Override
        public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
            return providers.identityProvider(AwsCredentialsIdentity.class);
        }

        @Override
        public AwsV4HttpSigner signer() {
            return signer;
        }
    }

    private static Region region(S3Settings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException noneConfigured) {
            return Region.US_EAST_1;
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.credentials().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        S3Credentials given = settings.credentials().get();
        return StaticCredentialsProvider.create(
                given.sessionToken().isPresent()
                        ? AwsSessionCredentials.create(
                                given.accessKeyId(),
                                given.secretAccessKey(),
                                given.sessionToken().get())
                        : AwsBasicCredentials.create(given.accessKeyId(), given.secretAccessKey()));
    }
}
