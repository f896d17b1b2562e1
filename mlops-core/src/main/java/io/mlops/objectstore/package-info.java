/**
 * Object storage: where a remote, an artifact store or a model store lives ({@link
 * io.mlops.objectstore.StorageLocation}: a directory or {@code s3://bucket/prefix}), and the connection
 * to S3 and S3-compatible servers (AWS, MinIO, Ceph, ...) with the AWS SDK for Java 2.
 */
package io.mlops.objectstore;
