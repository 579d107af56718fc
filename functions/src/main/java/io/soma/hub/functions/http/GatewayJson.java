package io.soma.hub.functions.http;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's one JSON mapper (Jackson 3): snake_case on the wire, and strict, because a request
 * that is not exactly what the API documents must be refused rather than guessed at.
 */
public final class GatewayJson {

  public static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(EdgeLimits.MAX_JSON_DEPTH)
                          // Jackson counts UTF-16 units; JsonText holds names to the limit in code
                          // points.
                          .maxNameLength(2 * EdgeLimits.MAX_JSON_NAME_CHARS)
                          .maxNumberLength(EdgeLimits.MAX_JSON_NUMBER_CHARS)
                          .maxStringLength(EdgeLimits.MAX_BODY_BYTES)
                          .build())
                  // {"prompt":"a","prompt":"b"} has two readings; refuse it rather than keep the
                  // last.
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfigDefaults(
              config -> {
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
              })
          .build();

  private GatewayJson() {}
}
