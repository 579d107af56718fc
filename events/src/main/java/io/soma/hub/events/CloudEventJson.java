package io.soma.hub.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.soma.hub.orchestration.events.HubEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A hub event as a CloudEvents 1.0 event in structured JSON mode, the record format of {@code
 * soma.events} (see docs/flink.md for the rules the analytics job applies). The same event always
 * gives the same bytes; the extension attributes given beside it (the Distributed Tracing
 * extension's {@code traceparent} and {@code tracestate}) are written as top-level attributes, as
 * the format wants extensions.
 */
public final class CloudEventJson {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  /**
   * The record's {@code content-type} header: the CloudEvents Kafka protocol binding says so in
   * structured mode (the whole event in the value), as opposed to binary mode's {@code ce_*}
   * headers.
   */
  public static final String EVENT_FORMAT = "application/cloudevents+json; charset=UTF-8";

  private static final JsonFactory JSON = new JsonFactory();

  private CloudEventJson() {}

  public static String write(HubEvent event) {
    return write(event, Map.of());
  }

  /**
   * With extension attributes, written in the map's order between the context attributes and {@code
   * data}.
   */
  public static String write(HubEvent event, Map<String, String> extensions) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("specversion", SPEC_VERSION);
      json.writeStringField("id", event.id());
      json.writeStringField("source", event.source());
      json.writeStringField("type", event.type());
      json.writeStringField("time", event.time());
      json.writeStringField("subject", event.subject());
      json.writeStringField("datacontenttype", CONTENT_TYPE);
      for (Map.Entry<String, String> extension : extensions.entrySet()) {
        json.writeStringField(extension.getKey(), extension.getValue());
      }
      json.writeObjectFieldStart("data");
      json.writeStringField("tenant", event.tenant());
      for (Map.Entry<String, String> field : event.data().entrySet()) {
        if (!field.getKey().equals("tenant")) {
          json.writeStringField(field.getKey(), field.getValue());
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }
}
