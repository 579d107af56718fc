package io.soma.hub.orchestration;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The custom search attributes of the hub's workflows, so that visibility can answer "this tenant's
 * sessions" without reading anyone else's. The gateway sets them when it starts a session; a
 * namespace without them refuses the start. Their one list is the resource {@code
 * search-attributes} beside this class, which the scripts that start a Temporal server read as
 * well.
 */
public final class HubSearchAttributes {

  /** The tenant of the caller who started the workflow (from the verified token). */
  public static final SearchAttributeKey<String> TENANT =
      SearchAttributeKey.forKeyword("HubTenant");

  /** The subject (user) of the caller who started the workflow. */
  public static final SearchAttributeKey<String> USER = SearchAttributeKey.forKeyword("HubUser");

  /**
   * What a keyword value keeps as it is; any other character, and {@code ~}, would need quoting in
   * a list filter.
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:@-]+");

  private HubSearchAttributes() {}

  /**
   * The value a keyword attribute holds for a tenant or user: the text itself when it is plain
   * (letters, digits and {@code . _ : @ -}), else {@code ~} and its UTF-8 in base64url. A list
   * filter can then quote any value without escaping (Temporal's filter grammar treats quotes and
   * backslashes in ways that differ between stores), and no plain value equals an encoded one.
   */
  public static String keyword(String text) {
    if (PLAIN.matcher(text).matches()) {
      return text;
    }
    return "~"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Every attribute the namespace needs, by name, with its type: the resource file's lines. */
  public static Map<String, IndexedValueType> all() {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>();
    for (String line : resourceLines()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] nameAndType = trimmed.split("=", 2);
      String type = "INDEXED_VALUE_TYPE_" + nameAndType[1].toUpperCase(Locale.ROOT);
      attributes.put(nameAndType[0], IndexedValueType.valueOf(type));
    }
    return attributes;
  }

  private static List<String> resourceLines() {
    try (InputStream in = HubSearchAttributes.class.getResourceAsStream("search-attributes")) {
      if (in == null) {
        throw new IllegalStateException(
            "the resource search-attributes is missing beside HubSearchAttributes");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
