package io.soma.hub.functions.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API's OpenAPI 3.1 document: written by hand as {@code openapi.yaml} (YAML, so that people can
 * read and review it), read once and answered as JSON at {@code GET /openapi.json}, anonymously
 * like the health endpoints. OpenApiContractTest holds it to the routes, bodies and limits in code.
 */
public final class OpenApiDocument {

  public static final String PATH = "/openapi.json";
  static final String RESOURCE = "openapi.yaml";

  private volatile Map<String, Object> tree;
  private volatile byte[] json;

  private OpenApiDocument() {}

  /** The document on the classpath, read now; a missing or unreadable one fails here. */
  public static OpenApiDocument load() {
    OpenApiDocument document = new OpenApiDocument();
    document.read();
    return document;
  }

  /**
   * The document, read at its first request: parsing it on every start would add to every
   * function's cold start, and most instances are never asked for it. OpenApiContractTest reads the
   * same resource, so a broken one fails the build, not a request.
   */
  public static OpenApiDocument onFirstRequest() {
    return new OpenApiDocument();
  }

  private synchronized void read() {
    if (json != null) {
      return;
    }
    try (InputStream yaml = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      Map<String, Object> read = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      tree = read;
      json = GatewayJson.MAPPER.writeValueAsBytes(read);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The document as YAML read it: maps, lists, strings, numbers and booleans. */
  public Map<String, Object> tree() {
    read();
    return tree;
  }

  /** The document's {@code paths}: each path's item, its operations by lower-case method. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> pathItems() {
    return (Map<String, Object>) tree().getOrDefault("paths", Map.of());
  }

  ServerResponse serve(ServerRequest request) {
    read();
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
