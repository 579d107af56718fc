package io.soma.hub.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How the producer authenticates and encrypts ({@code hub.kafka.*}, from
 * HUB_KAFKA_SECURITY_PROTOCOL and the HUB_KAFKA_SSL_* / HUB_KAFKA_SASL_* variables;
 * docs/operations.md, TLS), as Kafka client settings. PLAINTEXT, the local default, adds none.
 *
 * @param protocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_SSL} or {@code SASL_PLAINTEXT}
 * @param caFile PEM certificates of the authorities that sign the brokers' certificates; unset: the
 *     JVM's
 * @param certFile a PEM client certificate (chain), for brokers with {@code
 *     ssl.client.auth=required}
 * @param keyFile its unencrypted PKCS#8 PEM key
 * @param saslMechanism {@code SCRAM-SHA-512} (the default), {@code SCRAM-SHA-256} or {@code PLAIN}
 * @param username the SASL user
 * @param password the SASL password
 */
public record KafkaSecurity(
    String protocol,
    String caFile,
    String certFile,
    String keyFile,
    String saslMechanism,
    String username,
    String password) {

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT");
  private static final Map<String, String> LOGIN_MODULES =
      Map.of(
          "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
          "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
          "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

  /** After the constants above, which its constructor reads. */
  public static final KafkaSecurity PLAINTEXT =
      new KafkaSecurity(null, null, null, null, null, null, null);

  public KafkaSecurity {
    protocol = orDefault(protocol, "PLAINTEXT").toUpperCase(Locale.ROOT);
    caFile = orDefault(caFile, "");
    certFile = orDefault(certFile, "");
    keyFile = orDefault(keyFile, "");
    saslMechanism = orDefault(saslMechanism, "SCRAM-SHA-512").toUpperCase(Locale.ROOT);
    username = orDefault(username, "");
    password = password == null ? "" : password;
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          "HUB_KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", was " + protocol);
    }
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new IllegalArgumentException("HUB_KAFKA_SSL_CERT and HUB_KAFKA_SSL_KEY go together");
    }
    // The fields are assigned only when this constructor ends, so not sasl().
    boolean sasl = protocol.startsWith("SASL_");
    if (sasl && !LOGIN_MODULES.containsKey(saslMechanism)) {
      throw new IllegalArgumentException(
          "HUB_KAFKA_SASL_MECHANISM must be one of "
              + LOGIN_MODULES.keySet()
              + ", was "
              + saslMechanism);
    }
    if (sasl && (username.isEmpty() || password.isEmpty())) {
      throw new IllegalArgumentException(
          protocol + " needs HUB_KAFKA_SASL_USERNAME and HUB_KAFKA_SASL_PASSWORD");
    }
  }

  /**
   * The client settings: the protocol; for TLS the authorities and the client certificate as PEM
   * (read now, so that a wrong path fails the start); for SASL the mechanism and the login.
   */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
    if (tls()) {
      if (!caFile.isEmpty()) {
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, read(caFile));
      }
      if (!certFile.isEmpty()) {
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(certFile));
        config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(keyFile));
      }
    }
    if (sasl()) {
      config.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
      config.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          LOGIN_MODULES.get(saslMechanism)
              + " required username=\""
              + quoted(username)
              + "\" password=\""
              + quoted(password)
              + "\";");
    }
    return config;
  }

  /** Never the password. */
  @Override
  public String toString() {
    return protocol + (sasl() ? " " + saslMechanism + " as " + username : "");
  }

  private boolean tls() {
    return protocol.endsWith("SSL");
  }

  private boolean sasl() {
    return protocol.startsWith("SASL_");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a Kafka TLS file (HUB_KAFKA_SSL_*): " + file, e);
    }
  }

  /** JAAS quotes: a backslash or a double quote inside is escaped. */
  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
