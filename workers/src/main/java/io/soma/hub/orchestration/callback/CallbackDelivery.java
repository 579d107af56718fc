package io.soma.hub.orchestration.callback;

/**
 * One callback to deliver: the tenant whose secret signs it, where it goes, and what it says.
 * {@code messageId} is the same for every attempt (Standard Webhooks' {@code webhook-id}), so a
 * receiver can drop a repeat.
 */
public record CallbackDelivery(String messageId, String tenant, String url, SessionCallback body) {}
