package io.soma.hub.orchestration.campaign;

import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.campaign.CampaignArtifacts.Artifact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Campaign memory kept as campaign artifacts: a remembered entry is the artifact named by its key,
 * with content {@code {value, metadata}}; the memory refresh re-indexes these into the hub's
 * memory. Retrieval matches the query's words against the tenant's earlier artifacts and ranks by
 * how many words match.
 */
public class ArtifactCampaignMemory implements CampaignMemory {

  private static final int MIN_WORD = 3;
  private static final int MAX_WORDS = 8;

  private final CampaignArtifacts artifacts;

  public ArtifactCampaignMemory(CampaignArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  @Override
  public void remember(ModuleInput owner, String key, String value, Map<String, Object> metadata) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("key", key);
    content.put("value", value);
    content.put("metadata", metadata == null ? Map.of() : metadata);
    artifacts.record(
        owner.campaignId(),
        owner.tenant(),
        owner.campaignName(),
        owner.module().id(),
        key,
        CampaignJson.write(content));
  }

  @Override
  public List<Map<String, Object>> retrieve(ModuleInput owner, String query, int limit) {
    Set<String> words = new TreeSet<>();
    for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (word.length() >= MIN_WORD && words.size() < MAX_WORDS) {
        words.add(word);
      }
    }
    Map<String, Integer> hits = new LinkedHashMap<>();
    Map<String, Artifact> found = new LinkedHashMap<>();
    for (String word : words) {
      for (Artifact artifact :
          artifacts.search(owner.tenant(), owner.campaignId(), word, limit * 4)) {
        String id = artifact.campaignId() + "/" + artifact.module() + "/" + artifact.name();
        found.putIfAbsent(id, artifact);
        hits.merge(id, 1, Integer::sum);
      }
    }
    List<String> ranked = new ArrayList<>(found.keySet());
    ranked.sort(Comparator.comparing((String id) -> hits.get(id)).reversed());
    List<Map<String, Object>> results = new ArrayList<>();
    for (String id : ranked.subList(0, Math.min(limit, ranked.size()))) {
      Artifact artifact = found.get(id);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("campaign", artifact.campaignName());
      result.put("module", artifact.module());
      result.put("name", artifact.name());
      result.put("content", artifact.content());
      result.put("matched_words", hits.get(id));
      results.add(result);
    }
    return results;
  }
}
