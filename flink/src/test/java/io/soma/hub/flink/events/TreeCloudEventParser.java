package io.soma.hub.flink.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The job's first parser, kept as the reference for {@link CloudEventParser}: it reads the record
 * into a Jackson tree and then checks the tree, which is easy to read and slow (a node per value,
 * the skipped ones too). The streaming parser must accept and reject exactly what this one does,
 * with the same reasons.
 */
final class TreeCloudEventParser {

  /**
   * Longer ids, sources, types or tenants are rejected: they would be metric labels and state keys.
   */
  private static final int MAX_ATTRIBUTE_LENGTH = CloudEventParser.MAX_ATTRIBUTE_LENGTH;

  private TreeCloudEventParser() {}

  static CloudEvent parse(String record) throws MalformedEventException {
    if (record == null || record.isBlank()) {
      throw new MalformedEventException("empty record");
    }
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(record);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not JSON");
    }
    if (event == null || !event.isObject()) {
      throw new MalformedEventException("not a JSON object");
    }
    JsonNode specVersion = event.get("specversion");
    if (specVersion == null || !specVersion.isTextual()) {
      throw new MalformedEventException("missing specversion");
    }
    if (!specVersion.textValue().equals("1.0")) {
      throw new MalformedEventException(
          "unsupported specversion " + abbreviate(specVersion.textValue()));
    }
    String id = attribute(event, "id", "id");
    String source = attribute(event, "source", "source");
    String type = attribute(event, "type", "type");
    long time = time(event);
    JsonNode data = event.get("data");
    if (data == null || !data.isObject()) {
      throw new MalformedEventException("missing data object");
    }
    String tenant = attribute(data, "tenant", "data.tenant");
    return new CloudEvent(id, source, type, time, tenant);
  }

  private static String attribute(JsonNode parent, String field, String name)
      throws MalformedEventException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw new MalformedEventException("missing " + name);
    }
    if (!value.isTextual()) {
      throw new MalformedEventException(name + " is not a string");
    }
    String text = value.textValue();
    if (text.isBlank()) {
      throw new MalformedEventException("blank " + name);
    }
    if (text.length() > MAX_ATTRIBUTE_LENGTH) {
      throw new MalformedEventException(
          name + " longer than " + MAX_ATTRIBUTE_LENGTH + " characters");
    }
    return text;
  }

  private static long time(JsonNode event) throws MalformedEventException {
    String text = attribute(event, "time", "time");
    try {
      return OffsetDateTime.parse(text, Rfc3339.DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new MalformedEventException("time is not RFC 3339: " + abbreviate(text));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
