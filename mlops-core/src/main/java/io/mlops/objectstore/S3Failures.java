package io.mlops.objectstore;

import io.mlops.error.UserError;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the S3 client throws into one message for people: what failed, where, and what to check —
 * never the secret, never a stack trace.
 */
public final class S3Failures {
    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "ExpiredToken",
            "InvalidToken",
            "AuthorizationHeaderMalformed");

    private S3Failures() {}

    /**
     * Describes a failure.
     *
     * @param action what was being done, e.g. {@code "upload of data/ab/cdef"}
     * @param location where
     * @param failure what the client threw
     * @return the error to throw
     */
    public static UserError describe(String action, StorageLocation.S3 location, SdkException failure) {
        if (failure instanceof S3Exception s3) {
            String code =
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if (code != null && CREDENTIAL_CODES.contains(code)) {
                return new UserError(location + ": " + action + " refused (" + code
                        + "): check the access key and secret (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the"
                        + " profile, or the Jenkins credential)");
            }
            if ("NoSuchBucket".equals(code) || s3.statusCode() == 404 && code == null) {
                return new UserError(
                        location + ": " + action + " failed: bucket '" + location.bucket() + "' does not exist");
            }
            if (s3.statusCode() == 403) {
                return new UserError(location + ": " + action + " refused (" + (code == null ? "403" : code)
                        + "): the credentials are not allowed to do this");
            }
            return new UserError(
                    location + ": " + action + " failed: HTTP " + s3.statusCode() + (code == null ? "" : " " + code));
        }
        if (failure instanceof SdkClientException client) {
            return new UserError(location + ": " + action + " failed: " + firstLine(client.getMessage()));
        }
        return new UserError(location + ": " + action + " failed: " + firstLine(failure.getMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
