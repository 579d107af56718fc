package io.soma.hub.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificateAuthorityTest {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir Path directory;

  @Test
  void issuesAServerCertificateForLoopbackSignedByTheAuthority() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory);

    IssuedCertificate server = authority.issueServer("frontend", TestCertificateAuthority.LOOPBACK);

    X509Certificate ca = certificate(authority.certificate());
    X509Certificate certificate = certificate(server.certificate());
    certificate.verify(ca.getPublicKey());
    certificate.checkValidity();
    assertThat(ca.getBasicConstraints()).as("the authority is a CA").isGreaterThanOrEqualTo(0);
    assertThat(certificate.getBasicConstraints()).as("the server is no CA").isEqualTo(-1);
    assertThat(certificate.getSubjectAlternativeNames())
        .extracting(name -> name.get(1).toString())
        .containsExactlyInAnyOrder("localhost", "127.0.0.1");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertKeyMatches(server.privateKey(), certificate);
  }

  @Test
  void issuesAClientCertificateNamedByItsSubject() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory);

    IssuedCertificate client = authority.issueClient("hub-worker");

    X509Certificate certificate = certificate(client.certificate());
    certificate.verify(certificate(authority.certificate()).getPublicKey());
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=hub-worker");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertKeyMatches(client.privateKey(), certificate);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(client.privateKey())))
        .as("the key is the owner's only")
        .isEqualTo("rw-------");
  }

  @Test
  void writesTheKeyAsPkcs8DerToo() throws Exception {
    IssuedCertificate client = TestCertificateAuthority.create(directory).issueClient("hub");

    Path der = client.pkcs8DerKey();

    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(der)));
    assertThat(key.getEncoded()).isEqualTo(Files.readAllBytes(der));
    assertThat(der.getFileName()).hasToString("hub.pk8");
  }

  /**
   * PKCS#8 PEM, as Netty, Kafka's PEM stores and the Go servers read it; and the certificate's own
   * key.
   */
  private static void assertKeyMatches(Path keyFile, X509Certificate certificate) throws Exception {
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    byte[] data = "proof of possession".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(data);
    assertThat(verifier.verify(signature)).as("the key belongs to the certificate").isTrue();
  }

  private static X509Certificate certificate(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
