package io.soma.hub.testing.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A certificate and its private key, as PEM files.
 *
 * @param certificate the X.509 certificate
 * @param privateKey its unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}), readable by the owner
 *     only
 */
public record IssuedCertificate(Path certificate, Path privateKey) {

  /**
   * The same key as PKCS#8 DER ({@code NAME.pk8} beside it), the form the PostgreSQL JDBC driver
   * reads: the PEM file is that DER in Base64 between two lines.
   */
  public Path pkcs8DerKey() {
    String fileName = privateKey.getFileName().toString().replaceFirst("\\.key$", "") + ".pk8";
    Path der = privateKey.resolveSibling(fileName);
    try {
      String pem = Files.readString(privateKey, StandardCharsets.US_ASCII);
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      Files.write(der, Base64.getDecoder().decode(base64));
      Files.setPosixFilePermissions(der, PosixFilePermissions.fromString("rw-------"));
      return der;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
