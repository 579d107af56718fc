package io.soma.hub.orchestration.campaign;

/**
 * The {@code update_content} signal: replaces one content piece (by id, e.g. {@code headline})
 * before distribution.
 */
public record ContentUpdate(String contentId, String newContent) {}
