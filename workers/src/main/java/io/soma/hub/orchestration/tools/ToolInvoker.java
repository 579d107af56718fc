package io.soma.hub.orchestration.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.store.campaign.ToolRequests;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls tools through their adapters and records every request in {@code tool_requests}: really
 * sent, or in dry-run mode what would have been sent. A request whose answer is recorded is not
 * sent again, so a retried activity repeats only the calls that did not finish; those go out with
 * the same {@code Idempotency-Key}. Thread-safe.
 */
public class ToolInvoker {

  private static final Logger log = LoggerFactory.getLogger(ToolInvoker.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final ToolRequests requests;
  private final SlackWebhookAdapter slack;
  private final GitHubPullRequestAdapter github;
  private final GenericWebhookAdapter webhook;
  private final JsonHttpSender sender;

  public ToolInvoker(ToolSettings settings, ToolRequests requests) {
    this.requests = requests;
    this.slack = new SlackWebhookAdapter(settings.slackWebhookUrl());
    this.github =
        new GitHubPullRequestAdapter(
            settings.githubApiUrl(), settings.githubToken(), settings.githubOwner());
    this.webhook = new GenericWebhookAdapter(settings.webhookUrl(), settings.webhookToken());
    this.sender = new JsonHttpSender(JSON, settings.connectTimeout(), settings.requestTimeout());
  }

  public ToolResult invoke(ToolCall call) {
    Optional<ToolRequests.Recorded> recorded =
        requests.find(call.requestId()).filter(ToolRequests.Recorded::answered);
    if (recorded.isPresent()) {
      log.debug("Tool request {} already answered; reusing the recorded answer", call.requestId());
      return new ToolResult(
          call.requestId(),
          call.action(),
          recorded.get().dryRun(),
          read(recorded.get().response()));
    }
    ToolAdapter adapter = adapterFor(call.action());
    HttpPost post = adapter.requestFor(call);
    boolean dryRun = post.uri() == null;
    requests.recordRequest(
        call.requestId(),
        call.tenant(),
        call.campaignId(),
        call.tool(),
        call.action(),
        dryRun,
        write(described(post)));
    Map<String, Object> answer;
    if (dryRun) {
      answer = new LinkedHashMap<>();
      answer.put("dry_run", true);
      answer.put("status", "dry_run");
      answer.put("would_send", post.body());
    } else {
      answer = sender.send(post);
      answer.put("dry_run", false);
    }
    requests.recordResponse(call.requestId(), write(answer));
    return new ToolResult(call.requestId(), call.action(), dryRun, answer);
  }

  /** What the adapters are configured with, for the startup log: never the tokens. */
  public Map<String, String> describe() {
    Map<String, String> modes = new LinkedHashMap<>();
    modes.put("slack", slack.configuredUrl().isPresent() ? "webhook" : "dry-run");
    modes.put("github", github.configuredUrl().orElse("dry-run"));
    modes.put("webhook", webhook.configuredUrl().orElse("dry-run"));
    return modes;
  }

  private ToolAdapter adapterFor(String action) {
    return switch (action) {
      case "slack.send_message" -> slack;
      case "github.create_pull_request" -> github;
      default -> webhook;
    };
  }

  /** The recorded form of a request: no secret headers. */
  private static Map<String, Object> described(HttpPost post) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("method", "POST");
    described.put("url", post.uri() == null ? null : post.uri().toString());
    described.put("headers", post.headers());
    described.put("authorized", !post.secretHeaders().isEmpty());
    described.put("body", post.body());
    return described;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> read(String value) {
    try {
      return JSON.readValue(value, MAP);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
