/**
 * Registry webhooks: subscriptions to registry events kept in the metadata store, and their
 * asynchronous, signed, retried delivery over HTTP with every attempt logged.
 */
package io.mlops.registry.webhook;
