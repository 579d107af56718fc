package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CRD version's {@code openAPIV3Schema} as a JSON Schema that, like the API server's pruning,
 * accepts no field the schema does not declare, except under {@code
 * x-kubernetes-preserve-unknown-fields: true}. The root {@code metadata} stays open: the API server
 * validates it as ObjectMeta, and the fabric8 models check it here.
 */
final class CrdSchema {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private final Schema schema;

  private CrdSchema(Schema schema) {
    this.schema = schema;
  }

  static CrdSchema load(String crdFile, String version) {
    Path file = Manifests.schemas().resolve(crdFile);
    JsonNode crd = Manifests.documents(file).get(0);
    for (JsonNode served : crd.path("spec").path("versions")) {
      if (served.path("name").asText().equals(version)) {
        ObjectNode openApi = served.path("schema").path("openAPIV3Schema").deepCopy();
        closeObjects(openApi, true);
        return new CrdSchema(REGISTRY.getSchema(openApi));
      }
    }
    throw new IllegalArgumentException(file + " has no version " + version);
  }

  /** The violations of one object; empty when it is valid. */
  List<String> violations(JsonNode object) {
    return schema.validate(object).stream().map(Error::toString).sorted().toList();
  }

  private static void closeObjects(ObjectNode node, boolean root) {
    boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    // Kubernetes extensions and OpenAPI-only keywords mean nothing to a JSON Schema validator.
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      String name = fields.next().getKey();
      if (name.startsWith("x-kubernetes-") || name.equals("nullable")) {
        fields.remove();
      }
    }
    boolean object = node.path("type").asText().equals("object");
    if (object && !preserve && !node.has("additionalProperties")) {
      node.put("additionalProperties", false);
    }
    JsonNode properties = node.path("properties");
    properties
        .fields()
        .forEachRemaining(
            property -> {
              if (root && property.getKey().equals("metadata")) {
                return;
              }
              closeObjects((ObjectNode) property.getValue(), false);
            });
    for (String child : List.of("items", "additionalProperties")) {
      if (node.get(child) instanceof ObjectNode childSchema) {
        closeObjects(childSchema, false);
      }
    }
    for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
      node.path(combinator).forEach(option -> closeObjects((ObjectNode) option, false));
    }
  }
}
