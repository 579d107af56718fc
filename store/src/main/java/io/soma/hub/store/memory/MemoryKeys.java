package io.soma.hub.store.memory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a memory key may be, and the keys the memory refresh writes for a campaign. Keys are 1 to
 * 200 characters of {@code A-Z a-z 0-9 . _ - : @ ~}, but not {@code .} or {@code ..} alone (a URL
 * path normalizes those segments away): safe in a URL path segment without encoding, so {@code GET
 * /v1/memory/{key}} reads back exactly what was written. {@code :} separates the parts of the
 * campaign keys.
 */
public final class MemoryKeys {

  public static final int MAX_KEY_CHARS = 200;
  public static final String ALLOWED = "A-Z a-z 0-9 . _ - : @ ~ (not . .. search or refresh alone)";

  /**
   * Keys no GET /v1/memory/{key} could read back: segments a URL path normalizes away, and the
   * memory API's own paths (/v1/memory/search and /v1/memory/refresh answer their own methods, not
   * a key's).
   */
  private static final Set<String> UNREACHABLE = Set.of(".", "..", "search", "refresh");

  private static final Pattern VALID =
      Pattern.compile("[A-Za-z0-9._:@~-]{1," + MAX_KEY_CHARS + "}");
  private static final Pattern UNSAFE_IN_SEGMENT = Pattern.compile("[^A-Za-z0-9._@~-]+");

  static final String CAMPAIGN_PREFIX = "campaign:";
  private static final int CAMPAIGN_SEGMENT_CHARS = 80;
  private static final int MODULE_SEGMENT_CHARS = 40;
  private static final int ARTIFACT_SEGMENT_CHARS =
      MAX_KEY_CHARS
          - CAMPAIGN_PREFIX.length()
          - CAMPAIGN_SEGMENT_CHARS
          - 1
          - MODULE_SEGMENT_CHARS
          - 1;

  private MemoryKeys() {}

  public static boolean valid(String key) {
    return key != null && VALID.matcher(key).matches() && !UNREACHABLE.contains(key);
  }

  /** {@code campaign:<name>}: the campaign's summary and artifact index. */
  public static String campaign(String campaignName) {
    return CAMPAIGN_PREFIX + segment(campaignName, CAMPAIGN_SEGMENT_CHARS);
  }

  /** {@code campaign:<name>:<module>:<artifact>}: one artifact of a campaign. */
  public static String artifact(String campaignName, String module, String artifactName) {
    return campaign(campaignName)
        + ":"
        + segment(module, MODULE_SEGMENT_CHARS)
        + ":"
        + segment(artifactName, ARTIFACT_SEGMENT_CHARS);
  }

  /**
   * A name as one key segment: every run of characters outside the key alphabet (and {@code :})
   * becomes {@code _} ("Fall Launch 2026" gives {@code Fall_Launch_2026}); a name longer than the
   * segment is cut and ends in {@code ~} and 8 hex digits of its SHA-256, so long names that share
   * a beginning stay apart.
   */
  static String segment(String name, int maxChars) {
    String safe = UNSAFE_IN_SEGMENT.matcher(name.strip()).replaceAll("_");
    if (safe.isEmpty()) {
      safe = "_";
    }
    if (safe.length() <= maxChars) {
      return safe;
    }
    return safe.substring(0, maxChars - 9) + "~" + sha256Hex(name).substring(0, 8);
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
