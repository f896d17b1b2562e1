/**
 * GPUs handed out per build: which GPUs of a node each holder (a build) has, who waits for them in
 * what order, and the file that keeps the allocations across a restart of the host.
 */
package io.mlops.gpu;
