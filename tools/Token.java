package io.soma.hub.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 JWTs for local use: {@code java tools/Token.java --tenant T --sub S --cap c1,c2}.
 *
 * <p>JDK only, and Java 11 compatible, because it runs through the source launcher on a fresh machine. The e2e tests
 * compile this same file, so the hub and its tests agree on one way to sign. The HMAC key is the UTF-8 bytes of the
 * secret text, exactly as the hub reads {@code HUB_JWT_SECRET}.
 */
public final class Token {

  public static final int MIN_SECRET_BYTES = 32;
  private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Token() {}

  public static String mint(
      String secret, String tenant, String subject, List<String> capabilities, long ttlSeconds) {
    long now = Instant.now().getEpochSecond();
    return sign(secret, claims(tenant, subject, capabilities, now, now + ttlSeconds, null, null));
  }

  /** The claims the hub requires, plus iss and aud when not null. */
  public static String claims(
      String tenant,
      String subject,
      List<String> capabilities,
      long issuedAt,
      long expiresAt,
      String issuer,
      String audience) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"sub\":").append(quote(subject));
    json.append(",\"tenant_id\":").append(quote(tenant));
    json.append(",\"capabilities\":[");
    for (int i = 0; i < capabilities.size(); i++) {
      json.append(i == 0 ? "" : ",").append(quote(capabilities.get(i)));
    }
    json.append("],\"iat\":").append(issuedAt).append(",\"exp\":").append(expiresAt);
    if (issuer != null) {
      json.append(",\"iss\":").append(quote(issuer));
    }
    if (audience != null) {
      json.append(",\"aud\":").append(quote(audience));
    }
    return json.append('}').toString();
  }

  /** Signs any claims object, so tests can also mint tokens the hub must reject. */
  public static String sign(String secret, String claimsJson) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    String signingInput = encode(HEADER) + "." + encode(claimsJson);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  public static void main(String[] args) throws Exception {
    try {
      System.out.println(fromArguments(args));
    } catch (IllegalArgumentException e) {
      System.err.println("token: " + e.getMessage());
      System.exit(2);
    }
  }

  private static String fromArguments(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    String tenant = required(options, "tenant");
    String subject = required(options, "sub");
    List<String> capabilities = new ArrayList<>();
    for (String capability : options.getOrDefault("cap", "").split(",")) {
      if (!capability.isBlank()) {
        capabilities.add(capability.trim());
      }
    }
    long ttl = seconds(options.getOrDefault("ttl", "3600"));
    long now = Instant.now().getEpochSecond();
    String claims =
        claims(tenant, subject, capabilities, now, now + ttl, options.get("iss"), options.get("aud"));
    return sign(secret(options), claims);
  }

  /** SECONDS, or a number with the unit s, m, h or d: {@code --ttl 24h}. */
  static long seconds(String ttl) {
    String text = ttl.strip();
    int unit = text.isEmpty() ? -1 : "smhd".indexOf(text.charAt(text.length() - 1));
    long unitSeconds = unit < 0 ? 1 : new long[] {1, 60, 3600, 86400}[unit];
    String number = unit < 0 ? text : text.substring(0, text.length() - 1);
    try {
      long seconds = Math.multiplyExact(Long.parseLong(number), unitSeconds);
      if (seconds <= 0) {
        throw usage("--ttl must be positive, got " + ttl);
      }
      return seconds;
    } catch (NumberFormatException | ArithmeticException e) {
      throw usage("--ttl takes SECONDS or a number with s, m, h or d (24h), got " + ttl);
    }
  }

  private static String secret(Map<String, String> options) throws Exception {
    if (options.containsKey("secret-file")) {
      return Files.readString(Path.of(options.get("secret-file"))).strip();
    }
    String fromEnv = System.getenv("HUB_JWT_SECRET");
    if (fromEnv == null || fromEnv.isBlank()) {
      throw usage("no secret: pass --secret-file FILE or set HUB_JWT_SECRET");
    }
    return fromEnv.strip();
  }

  private static Map<String, String> parse(String[] args) {
    List<String> known = Arrays.asList("tenant", "sub", "cap", "ttl", "iss", "aud", "secret-file");
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String name = flag.startsWith("--") ? flag.substring(2) : "";
      int equals = name.indexOf('=');
      String value;
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw usage("missing value for " + flag);
      }
      if (!known.contains(name)) {
        throw usage("unknown option " + flag);
      }
      options.put(name, value);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw usage("--" + name + " is required");
    }
    return value;
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(
        problem
            + "\nusage: Token --tenant T --sub S [--cap c1,c2] [--ttl SECONDS|30m|24h|7d] [--iss I] [--aud A]"
            + " [--secret-file FILE]");
  }
}
