package io.mlops.objectstore;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 for S3 that does not hash a body already covered by a {@code Content-MD5} header, over plain http
 * too. The SDK's own signer leaves the payload unsigned ({@code UNSIGNED-PAYLOAD}) over https, but over
 * http it SHA-256s every byte and sends uploads {@code aws-chunked} with a signature per 128 KiB chunk:
 * measured, that was a third of a push's CPU for big files. A request with a {@code Content-MD5} header
 * is signed here as if it went over https instead: the signature still covers every header, the
 * {@code Content-MD5} among them, and the server refuses a body whose MD5 differs, so every byte stays
 * checked end to end. Requests without one (and every request over https) are signed unchanged.
 *
 * <p>The scheme and port do not enter SigV4's canonical request (the {@code Host} header does, and is
 * kept as the server will see it), so the signature is valid for the http request that is sent.
 */
final class ChecksummedBodySigner implements AwsV4HttpSigner {
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    private final AwsV4HttpSigner delegate = AwsV4HttpSigner.create();

    /**
     * Whether a request is signed without hashing its body.
     *
     * @param request the request to sign
     * @return true for a request over http whose body a {@code Content-MD5} header covers
     */
    static boolean skipsPayloadHash(SdkHttpRequest request) {
        return "http".equalsIgnoreCase(request.protocol())
                && request.firstMatchingHeader("Content-MD5").isPresent();
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        SdkHttpRequest sent = request.request();
        if (!skipsPayloadHash(sent)) {
            return delegate.sign(request);
        }
        // On port 80 the Host header carries no port; on 443 neither: the same Host header is signed.
        SdkHttpRequest asTls = sent.toBuilder()
                .protocol("https")
                .port(sent.port() == HTTP_PORT ? HTTPS_PORT : sent.port())
                .build();
        SignedRequest signed = delegate.sign(request.toBuilder().request(asTls).build());
        return signed.toBuilder()
                .request(signed.request().toBuilder()
                        .protocol(sent.protocol())
                        .port(sent.port())
                        .build())
                .build();
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        return delegate.signAsync(request); // the suite's clients are synchronous
    }
}
