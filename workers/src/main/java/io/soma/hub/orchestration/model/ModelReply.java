package io.soma.hub.orchestration.model;

/** A model's answer to a session prompt, and who gave it. */
public record ModelReply(String model, String provider, String reply) {}
