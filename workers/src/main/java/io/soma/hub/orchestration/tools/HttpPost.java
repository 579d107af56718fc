package io.soma.hub.orchestration.tools;

import java.net.URI;
import java.util.Map;

/**
 * A JSON POST an adapter wants sent. {@code secretHeaders} (Authorization) are sent but never
 * recorded.
 */
public record HttpPost(
    URI uri, Map<String, String> headers, Map<String, String> secretHeaders, Object body) {}
