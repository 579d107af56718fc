package io.soma.hub.flink.events;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/**
 * Reads one Kafka record of {@code soma.events} as a CloudEvents 1.0 structured-mode JSON event of
 * the hub, or says why it is not one. Every attribute the job relies on must be present and well
 * formed: a record that would need a guess (no time, no tenant) is rejected rather than counted
 * somewhere arbitrary.
 *
 * <p>The record is read as a stream of tokens ({@link EnvelopeFields}), keeping only the attributes
 * the job uses: reading it into a Jackson tree first made a node for every value, those dropped at
 * once among them, and was most of the parse. The rules and the order in which they are checked (so
 * the reason given) are the tree parser's.
 */
public final class CloudEventParser {

  /**
   * Longer ids, sources, types or tenants are rejected: they would be metric labels and state keys.
   */
  public static final int MAX_ATTRIBUTE_LENGTH = 256;

  private CloudEventParser() {}

  public static CloudEvent parse(String record) throws MalformedEventException {
    if (record == null || record.isBlank()) {
      throw new MalformedEventException("empty record");
    }
    EnvelopeFields fields;
    try (JsonParser parser = Json.FACTORY.createParser(record)) {
      fields = EnvelopeFields.read(parser);
    } catch (IOException e) {
      throw new MalformedEventException("not JSON");
    }
    if (!fields.rootIsObject) {
      throw new MalformedEventException("not a JSON object");
    }
    String specVersion = fields.specVersion;
    if (specVersion == null || specVersion == EnvelopeFields.NOT_TEXT) {
      throw new MalformedEventException("missing specversion");
    }
    if (!specVersion.equals("1.0")) {
      throw new MalformedEventException("unsupported specversion " + abbreviate(specVersion));
    }
    String id = attribute(fields.id, "id");
    String source = attribute(fields.source, "source");
    String type = attribute(fields.type, "type");
    long time = time(fields.time);
    if (!fields.dataIsObject) {
      throw new MalformedEventException("missing data object");
    }
    String tenant = attribute(fields.tenant, "data.tenant");
    return new CloudEvent(id, source, type, time, tenant);
  }

  private static String attribute(String value, String name) throws MalformedEventException {
    if (value == null) {
      throw new MalformedEventException("missing " + name);
    }
    if (value == EnvelopeFields.NOT_TEXT) {
      throw new MalformedEventException(name + " is not a string");
    }
    if (value.isBlank()) {
      throw new MalformedEventException("blank " + name);
    }
    if (value.length() > MAX_ATTRIBUTE_LENGTH) {
      throw new MalformedEventException(
          name + " longer than " + MAX_ATTRIBUTE_LENGTH + " characters");
    }
    return value;
  }

  private static long time(String value) throws MalformedEventException {
    String text = attribute(value, "time");
    try {
      return Rfc3339.epochMillis(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new MalformedEventException("time is not RFC 3339: " + abbreviate(text));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
