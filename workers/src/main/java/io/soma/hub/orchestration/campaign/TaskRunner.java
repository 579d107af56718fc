package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.tools.ToolCall;
import io.soma.hub.orchestration.tools.ToolInvoker;
import io.soma.hub.orchestration.tools.ToolResult;
import io.soma.hub.store.campaign.CampaignArtifacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a module's tasks in order: {@code memory_gateway.remember/retrieve} against the campaign
 * memory, {@code chat_completions} against the model provider, any other {@code tool.operation}
 * through the tool adapters. Each task's result is recorded as an artifact of the module, once.
 */
final class TaskRunner {

  static final String REMEMBER = "memory_gateway.remember";
  static final String RETRIEVE = "memory_gateway.retrieve";
  static final String CHAT = "chat_completions";
  static final int RETRIEVE_LIMIT = 5;

  private final ToolInvoker tools;
  private final CampaignMemory memory;
  private final ModelProvider model;
  private final CampaignArtifacts artifacts;

  TaskRunner(
      ToolInvoker tools, CampaignMemory memory, ModelProvider model, CampaignArtifacts artifacts) {
    this.tools = tools;
    this.memory = memory;
    this.model = model;
    this.artifacts = artifacts;
  }

  Map<String, Object> runAll(ModuleInput input) {
    List<Map<String, Object>> results = new ArrayList<>();
    List<PlanTask> tasks = input.module().tasks();
    for (int i = 0; i < tasks.size(); i++) {
      results.add(run(input, i, tasks.get(i)));
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("tasks", results);
    outputs.put("tasks_run", results.size());
    return outputs;
  }

  Map<String, Object> run(ModuleInput input, int index, PlanTask task) {
    String action = task.action() == null ? "" : task.action();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", action);
    switch (action) {
      case REMEMBER -> {
        String key = text(task.params().get("key"), "campaign:" + input.campaignName());
        Map<String, Object> metadata = asMap(task.params().get("metadata"));
        String value =
            text(task.params().get("value"), task.description() == null ? key : task.description());
        memory.remember(input, key, value, metadata);
        result.put("key", key);
      }
      case RETRIEVE -> {
        String query = text(task.params().get("query"), input.campaignName());
        List<Map<String, Object>> found = memory.retrieve(input, query, RETRIEVE_LIMIT);
        result.put("query", query);
        result.put("results", found);
      }
      case CHAT -> {
        ModelReply reply = model.complete(chatPrompt(input, task));
        result.put("provider", reply.provider());
        result.put("model", reply.model());
        result.put("completion", reply.reply());
      }
      default -> {
        ToolResult answer =
            tools.invoke(
                new ToolCall(
                    input.requestId("task-" + index + ":" + action),
                    input.tenant(),
                    input.campaignId(),
                    action,
                    task.params()));
        result.put("request_id", answer.requestId());
        result.put("dry_run", answer.dryRun());
        result.put("response", answer.response());
      }
    }
    artifacts.record(
        input.campaignId(),
        input.tenant(),
        input.campaignName(),
        input.module().id(),
        "task-" + index + ":" + action,
        CampaignJson.write(result));
    return result;
  }

  private static String chatPrompt(ModuleInput input, PlanTask task) {
    Object template = task.params().get("prompt_template");
    String prompt =
        template == null
            ? text(task.description(), "Describe the campaign " + input.campaignName())
            : String.valueOf(template);
    Map<String, Object> variables = asMap(task.params().get("variables"));
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      prompt = prompt.replace("{" + variable.getKey() + "}", String.valueOf(variable.getValue()));
    }
    return prompt;
  }

  static String text(Object value, String fallback) {
    return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
