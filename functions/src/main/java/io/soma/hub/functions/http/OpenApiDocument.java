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
 * The API's OpenAPI 3.1 document: written by hand as {@code openapi.yaml} (YAML, so that people can read and review
 * it), read once and answered as JSON at {@code GET /openapi.json}, anonymously like the health endpoints.
 * OpenApiContractTest holds it to the routes, bodies and limits in code.
 */
public final class OpenApiDocument {

  public static final String PATH = "/openapi.json";
  static final String RESOURCE = "openapi.yaml";

  private final Map<String, Object> tree;
  private final byte[] json;

  private OpenApiDocument(Map<String, Object> tree) {
    this.tree = tree;
    this.json = GatewayJson.MAPPER.writeValueAsBytes(tree);
  }

  /** The document on the classpath; a missing or unreadable one fails the start, not a request. */
  public static OpenApiDocument load() {
    try (InputStream yaml = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      return new OpenApiDocument(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The document as YAML read it: maps, lists, strings, numbers and booleans. */
  public Map<String, Object> tree() {
    return tree;
  }

  ServerResponse serve(ServerRequest request) {
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
