package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.campaign.CampaignArtifacts.Artifact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * content_creation: asks the model provider for the content pieces (with what memory retrieval
 * found), records each piece as an artifact and answers with the recorded pieces, so a retry after
 * the pieces were recorded does not ask the model again and every reader sees the same content.
 */
final class ContentCreation {

  static final String GENERATION = "generation";

  private final ModelProvider model;
  private final CampaignMemory memory;
  private final CampaignArtifacts artifacts;

  ContentCreation(ModelProvider model, CampaignMemory memory, CampaignArtifacts artifacts) {
    this.model = model;
    this.memory = memory;
    this.artifacts = artifacts;
  }

  Map<String, Object> run(ModuleInput input) {
    Map<String, String> recorded = recordedPieces(input);
    List<Map<String, Object>> memories = new ArrayList<>();
    if (recorded.size() < ContentPieces.IDS.size()) {
      for (PlanTask task : input.module().tasks()) {
        if (TaskRunner.RETRIEVE.equals(task.action())) {
          String query = TaskRunner.text(task.params().get("query"), input.campaignName());
          memories.addAll(memory.retrieve(input, query, TaskRunner.RETRIEVE_LIMIT));
        }
      }
      ModelReply reply = model.complete(ContentPieces.prompt(input, memories));
      Map<String, String> pieces = ContentPieces.parse(reply.reply(), input);
      pieces.forEach((id, piece) -> record(input, id, piece));
      record(
          input,
          GENERATION,
          CampaignJson.write(Map.of("provider", reply.provider(), "model", reply.model())));
      recorded = recordedPieces(input);
    }
    Map<String, Object> generation =
        artifacts.ofModule(input.campaignId(), input.module().id()).stream()
            .filter(artifact -> artifact.name().equals(GENERATION))
            .findFirst()
            .map(artifact -> CampaignJson.readMap(artifact.content()))
            .orElse(Map.of());
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("content_pieces", recorded);
    outputs.put("headlines", List.of(recorded.get("headline")));
    outputs.put("provider", generation.get("provider"));
    outputs.put("model", generation.get("model"));
    outputs.put("memories_used", memories.size());
    return outputs;
  }

  private Map<String, String> recordedPieces(ModuleInput input) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (Artifact artifact : artifacts.ofModule(input.campaignId(), input.module().id())) {
      byName.put(artifact.name(), artifact.content());
    }
    Map<String, String> pieces = new LinkedHashMap<>();
    for (String id : ContentPieces.IDS) {
      if (byName.containsKey(id)) {
        pieces.put(id, byName.get(id));
      }
    }
    return pieces;
  }

  private void record(ModuleInput input, String name, String content) {
    artifacts.record(
        input.campaignId(),
        input.tenant(),
        input.campaignName(),
        input.module().id(),
        name,
        content);
  }

  /** The content pieces a module produced, read from its outputs. */
  @SuppressWarnings("unchecked")
  static Map<String, String> piecesOf(Map<String, Object> contentOutputs) {
    Object pieces = contentOutputs.get("content_pieces");
    Map<String, String> copy = new LinkedHashMap<>();
    if (pieces instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((id, piece) -> copy.put(id, String.valueOf(piece)));
    }
    return copy;
  }
}
