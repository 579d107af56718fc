package io.soma.hub.orchestration.tools;

import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.create_pull_request}: POST {@code {title, head, base, body}} to {@code
 * {api}/repos/{owner}/{repo}/pulls} with the REST API's headers and a bearer token.
 */
final class GitHubPullRequestAdapter implements ToolAdapter {

  static final String API_VERSION = "2022-11-28";

  private final String apiUrl;
  private final String token;
  private final String owner;

  GitHubPullRequestAdapter(String apiUrl, String token, String owner) {
    this.apiUrl = apiUrl;
    this.token = token;
    this.owner = owner;
  }

  @Override
  public HttpPost requestFor(ToolCall call) {
    Map<String, Object> params = call.params();
    String repo = text(params, "repo", "marketing-content");
    String resolvedOwner =
        ToolSettings.present(owner) ? owner.strip() : text(params, "owner", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", text(params, "title", "Campaign " + call.campaignId()));
    body.put("head", text(params, "head", text(params, "branch", "campaign/" + call.campaignId())));
    body.put("base", text(params, "base", "main"));
    body.put("body", text(params, "body", ""));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", API_VERSION);
    headers.put("Idempotency-Key", call.requestId());
    Map<String, String> secret =
        ToolSettings.present(token) ? Map.of("Authorization", "Bearer " + token.strip()) : Map.of();
    URI uri = null;
    if (configuredUrl().isPresent()) {
      if (resolvedOwner == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "HUB_TOOL_GITHUB_API_URL is set but HUB_TOOL_GITHUB_OWNER is not: name the owner of the repositories",
            ToolFailures.MISCONFIGURED);
      }
      uri =
          URI.create(
              trimSlash(configuredUrl().get())
                  + "/repos/"
                  + segment(resolvedOwner)
                  + "/"
                  + segment(repo)
                  + "/pulls");
    }
    return new HttpPost(uri, headers, secret, body);
  }

  @Override
  public Optional<String> configuredUrl() {
    return Optional.ofNullable(apiUrl).filter(ToolSettings::present).map(String::strip);
  }

  private static String text(Map<String, Object> params, String key, String fallback) {
    Object value = params.get(key);
    return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
