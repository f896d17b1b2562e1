/**
 * Registry webhooks: subscriptions to registry events kept in the metadata store, and their signed,
 * retried delivery over HTTP from the registry's outbox by {@link
 * io.mlops.registry.webhook.WebhookDispatcher}, with every attempt logged.
 */
package io.mlops.registry.webhook;
