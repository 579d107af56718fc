package io.soma.hub.orchestration.memory;

/**
 * What remembering one page of artifacts did, and the cursor after it.
 *
 * @param last true when this page was the last one
 */
public record ArtifactPage(
    int remembered, int unchanged, String lastModule, String lastName, boolean last) {}
