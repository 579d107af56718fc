package io.soma.hub.orchestration.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.campaign.CampaignArtifacts.Artifact;
import io.soma.hub.store.memory.Embeddings;
import io.soma.hub.store.memory.EmbeddingsUnavailableException;
import io.soma.hub.store.memory.MemoryEntry;
import io.soma.hub.store.memory.MemoryKeys;
import io.soma.hub.store.memory.MemoryStore;
import io.soma.hub.store.memory.MemoryStore.IndexState;
import io.soma.hub.store.memory.MemoryText;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stateless and thread-safe: one instance serves every refresh the worker runs. */
public class MemoryRefreshActivitiesImpl implements MemoryRefreshActivities {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The summary lists at most this many artifacts (with their total), so it stays well inside a
   * value's 32 KiB.
   */
  static final int SUMMARY_MAX_LISTED_ARTIFACTS = 100;

  /** Artifact content beyond this is cut: a memory value holds at most 32 KiB. */
  static final int MAX_ARTIFACT_VALUE_CHARS = 16_000;

  private final MemoryStore store;
  private final CampaignArtifacts artifacts;
  private final Embeddings embeddings;

  public MemoryRefreshActivitiesImpl(
      MemoryStore store, CampaignArtifacts artifacts, Embeddings embeddings) {
    this.store = store;
    this.artifacts = artifacts;
    this.embeddings = embeddings;
  }

  @Override
  public ArtifactPage rememberArtifacts(ArtifactPageRequest request) {
    List<Artifact> page =
        artifacts.page(
            request.tenant(),
            request.campaign(),
            request.afterModule(),
            request.afterName(),
            request.limit());
    int remembered = 0;
    for (Artifact artifact : page) {
      String key = MemoryKeys.artifact(request.campaign(), artifact.module(), artifact.name());
      String value = valueOf(artifact.content());
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(MemoryEntry.CAMPAIGN_METADATA, request.campaign());
      metadata.put("module", artifact.module());
      metadata.put("artifact", artifact.name());
      if (value.length() > MAX_ARTIFACT_VALUE_CHARS + 2) {
        value = jsonString(artifact.content().substring(0, MAX_ARTIFACT_VALUE_CHARS));
        metadata.put("truncated", "true");
      }
      if (request.force()) {
        store.remember(request.tenant(), key, value, metadata);
        remembered++;
      } else if (store.rememberIfChanged(request.tenant(), key, value, metadata)) {
        remembered++;
      }
    }
    Artifact last = page.isEmpty() ? null : page.get(page.size() - 1);
    return new ArtifactPage(
        remembered,
        page.size() - remembered,
        last == null ? request.afterModule() : last.module(),
        last == null ? request.afterName() : last.name(),
        page.size() < request.limit());
  }

  @Override
  public boolean rememberCampaignSummary(CampaignSummaryRequest request) {
    String key = MemoryKeys.campaign(request.campaign());
    CampaignArtifacts.Index index =
        artifacts.index(request.tenant(), request.campaign(), SUMMARY_MAX_LISTED_ARTIFACTS);
    Optional<MemoryEntry> existing = store.recall(request.tenant(), key);
    if (index.total() == 0 && existing.isEmpty()) {
      return false;
    }
    // Whatever else the campaign remembered under its key (launch date, channels, metrics) is kept.
    JsonNode previous = existing.map(entry -> parse(entry.valueJson())).orElse(null);
    ObjectNode summary =
        previous instanceof ObjectNode object ? object.deepCopy() : JSON.createObjectNode();
    summary.put("campaign", request.campaign());
    summary.put("artifact_count", index.total());
    ArrayNode listed = summary.putArray("artifacts");
    for (CampaignArtifacts.Listed artifact : index.listed()) {
      listed
          .addObject()
          .put("module", artifact.module())
          .put("artifact", artifact.name())
          .put("key", MemoryKeys.artifact(request.campaign(), artifact.module(), artifact.name()));
    }
    summary.put("artifacts_truncated", index.total() > index.listed().size());
    Map<String, String> metadata =
        new LinkedHashMap<>(existing.map(MemoryEntry::metadata).orElse(Map.of()));
    metadata.put(MemoryEntry.CAMPAIGN_METADATA, request.campaign());
    String value = summary.toString();
    if (request.force()) {
      store.remember(request.tenant(), key, value, metadata);
      return true;
    }
    return store.rememberIfChanged(request.tenant(), key, value, metadata);
  }

  @Override
  public EntryPage reindexEntries(EntryPageRequest request) {
    List<IndexState> page =
        store.campaignEntries(
            request.tenant(), request.campaign(), request.afterKey(), request.limit());
    int reindexed = 0;
    for (IndexState state : page) {
      if ((request.force() || !state.indexCurrent()) && store.reindex(request.tenant(), state)) {
        reindexed++;
      }
    }
    return pageOf(request, page, reindexed);
  }

  @Override
  public EntryPage embedEntries(EntryPageRequest request) {
    if (!embeddings.configured()) {
      return new EntryPage(0, 0, request.afterKey(), true);
    }
    List<IndexState> page =
        store.campaignEntries(
            request.tenant(), request.campaign(), request.afterKey(), request.limit());
    List<IndexState> due =
        page.stream()
            .filter(state -> request.force() || !state.embeddingCurrent(embeddings.model()))
            .toList();
    int embedded = 0;
    if (!due.isEmpty()) {
      List<float[]> vectors;
      try {
        vectors =
            embeddings.embed(
                due.stream()
                    .map(
                        s ->
                            MemoryText.forEmbedding(
                                s.entry().key(), s.entry().valueJson(), s.entry().metadata()))
                    .toList());
      } catch (EmbeddingsUnavailableException e) {
        throw e.retryable()
            ? ApplicationFailure.newFailure(
                e.getMessage(), MemoryRefreshFailures.EMBEDDINGS_UNAVAILABLE)
            : ApplicationFailure.newNonRetryableFailure(
                e.getMessage(), MemoryRefreshFailures.EMBEDDINGS_REJECTED);
      }
      for (int i = 0; i < due.size(); i++) {
        IndexState state = due.get(i);
        if (store.storeEmbedding(
            request.tenant(),
            state.entry().key(),
            state.contentSha256(),
            embeddings.model(),
            vectors.get(i))) {
          embedded++;
        }
      }
    }
    return pageOf(request, page, embedded);
  }

  private static EntryPage pageOf(EntryPageRequest request, List<IndexState> page, int processed) {
    String lastKey = page.isEmpty() ? request.afterKey() : page.get(page.size() - 1).entry().key();
    return new EntryPage(
        processed, page.size() - processed, lastKey, page.size() < request.limit());
  }

  /**
   * Content that is a JSON object or array is remembered as that JSON; anything else as a string.
   */
  static String valueOf(String content) {
    String trimmed = content.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode parsed = JSON.readTree(trimmed);
        if (parsed != null && (parsed.isObject() || parsed.isArray())) {
          return parsed.toString();
        }
      } catch (IOException notJson) {
        // Remembered as text below.
      }
    }
    return jsonString(content);
  }

  private static String jsonString(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }
}
