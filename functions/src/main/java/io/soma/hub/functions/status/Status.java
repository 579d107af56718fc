package io.soma.hub.functions.status;

import java.util.function.Function;

/**
 * {@code status}: who answered (service, version and, on Knative, the service and revision) and for
 * whom.
 */
public class Status implements Function<StatusQuery, StatusView> {

  private final String version;
  private final String kService;
  private final String kRevision;

  public Status(String version, String kService, String kRevision) {
    this.version = version;
    this.kService = kService;
    this.kRevision = kRevision;
  }

  @Override
  public StatusView apply(StatusQuery query) {
    return new StatusView(
        "soma-agent-hub-gateway", "ready", query.caller().tenant(), version, kService, kRevision);
  }
}
