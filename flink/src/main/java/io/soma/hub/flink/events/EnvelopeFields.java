package io.soma.hub.flink.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The values a record has for the attributes the job reads, found in one pass over its tokens
 * without building a tree. Every other value is skipped, which still checks its syntax (and, with
 * the strict factory, its keys for repeats), so a record is read to its end as a whole: what is not
 * one JSON document fails here, before any attribute is judged, as it did when the record was first
 * read into a tree.
 *
 * <p>Each attribute is {@code null} when it is absent or JSON {@code null}, {@link #NOT_TEXT} when
 * it is another kind of value, else its text.
 */
final class EnvelopeFields {

  /**
   * Marks a value that is not a JSON string; compared by identity, so no text can be mistaken for
   * it.
   */
  static final String NOT_TEXT = new String("not text");

  boolean rootIsObject;
  boolean dataIsObject;
  String specVersion;
  String id;
  String source;
  String type;
  String time;
  String tenant;

  private EnvelopeFields() {}

  /**
   * Reads the whole document; fails on bad syntax, a repeated key or anything after the first
   * value.
   */
  static EnvelopeFields read(JsonParser parser) throws IOException {
    EnvelopeFields fields = new EnvelopeFields();
    JsonToken root = parser.nextToken();
    if (root == JsonToken.START_OBJECT) {
      fields.rootIsObject = true;
      fields.readEnvelope(parser);
    } else if (root != null) {
      parser.skipChildren();
    }
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "trailing tokens after the record's value");
    }
    return fields;
  }

  private void readEnvelope(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "specversion" -> specVersion = text(parser, value);
        case "id" -> id = text(parser, value);
        case "source" -> source = text(parser, value);
        case "type" -> type = text(parser, value);
        case "time" -> time = text(parser, value);
        case "data" -> {
          dataIsObject = value == JsonToken.START_OBJECT;
          if (dataIsObject) {
            readData(parser);
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private void readData(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("tenant")) {
        tenant = text(parser, value);
      } else {
        parser.skipChildren();
      }
    }
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    parser.skipChildren();
    return NOT_TEXT;
  }
}
