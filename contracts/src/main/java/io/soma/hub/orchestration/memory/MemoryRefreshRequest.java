package io.soma.hub.orchestration.memory;

/**
 * What starts a memory refresh. The tenant comes from the caller's verified token, never from the
 * body.
 *
 * @param force re-index every entry; without it, entries whose content and index are current are
 *     skipped
 * @param carried what earlier runs of this refresh did before it continued as new, or null on the
 *     first run
 */
public record MemoryRefreshRequest(
    String tenant,
    String campaign,
    boolean force,
    String requestedBy,
    MemoryRefreshProgress carried) {

  public MemoryRefreshRequest(String tenant, String campaign, boolean force, String requestedBy) {
    this(tenant, campaign, force, requestedBy, null);
  }

  public MemoryRefreshRequest continuedWith(MemoryRefreshProgress progress) {
    return new MemoryRefreshRequest(tenant, campaign, force, requestedBy, progress);
  }
}
