package io.soma.hub.orchestration.memory;

/**
 * What one page of entries did: how many were (re-)processed and how many were current and skipped.
 *
 * @param last true when this page was the last one
 */
public record EntryPage(int processed, int skipped, String lastKey, boolean last) {}
