package io.soma.hub.store.tls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS of the hub store's PostgreSQL connections (HUB_DB_SSLMODE, HUB_DB_SSLROOTCERT,
 * HUB_DB_SSLCERT, HUB_DB_SSLKEY; docs/operations.md, TLS), as the PostgreSQL JDBC driver's
 * connection properties of the same names. Nothing set: the driver's defaults. Parameters in
 * HUB_DB_URL itself take precedence over these.
 *
 * @param mode {@code disable}, {@code prefer}, {@code require}, {@code verify-ca} or {@code
 *     verify-full}
 * @param rootCert the PEM certificates of the authorities that sign the server's certificate
 * @param cert a client certificate (PEM), for a server whose pg_hba.conf asks for one ({@code
 *     clientcert=})
 * @param key its key: PKCS#8 DER ({@code .pk8}) or a PKCS#12 file ({@code .p12}), which the driver
 *     reads
 */
public record StoreTls(String mode, String rootCert, String cert, String key) {

  public StoreTls {
    mode = blankToEmpty(mode);
    rootCert = blankToEmpty(rootCert);
    cert = blankToEmpty(cert);
    key = blankToEmpty(key);
  }

  public boolean configured() {
    return !driverProperties().isEmpty();
  }

  /** The driver's properties for what is set. */
  public Map<String, String> driverProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    putUnlessEmpty(properties, "sslmode", mode);
    putUnlessEmpty(properties, "sslrootcert", rootCert);
    putUnlessEmpty(properties, "sslcert", cert);
    putUnlessEmpty(properties, "sslkey", key);
    return properties;
  }

  private static void putUnlessEmpty(Map<String, String> properties, String name, String value) {
    if (!value.isEmpty()) {
      properties.put(name, value);
    }
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.strip();
  }
}
