package io.soma.hub.testing.tls;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test run, in a directory of its own: {@code ca.pem} is what
 * clients and servers trust; every certificate it issues is valid for two days, has an EC P-256 key
 * and names its hosts in its subject alternative names, which TLS clients verify (the common name
 * is ignored).
 */
public final class TestCertificateAuthority {

  /** The names a loopback server is reached by. */
  public static final List<String> LOOPBACK = List.of("DNS:localhost", "IP:127.0.0.1");

  private static final String DAYS = "2";

  private final Path directory;

  private TestCertificateAuthority(Path directory) {
    this.directory = directory;
  }

  /** A new authority in {@code directory} (created if missing). */
  public static TestCertificateAuthority create(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestCertificateAuthority authority = new TestCertificateAuthority(directory);
    authority.openssl(
        "req",
        "-x509",
        "-nodes",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-days",
        DAYS,
        "-subj",
        "/CN=soma-hub-test-ca",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        authority.key().toString(),
        "-out",
        authority.certificate().toString());
    return authority;
  }

  /** The authority's certificate (PEM), the one to trust. */
  public Path certificate() {
    return directory.resolve("ca.pem");
  }

  /**
   * A server certificate for {@code names} ({@link #LOOPBACK}, or e.g. {@code
   * DNS:temporal.example}).
   */
  public IssuedCertificate issueServer(String name, List<String> names) {
    return issue(name, "serverAuth", names);
  }

  /** A client certificate whose subject is {@code CN=name}, for servers that ask for one. */
  public IssuedCertificate issueClient(String name) {
    return issue(name, "clientAuth", List.of("DNS:" + name));
  }

  private IssuedCertificate issue(String name, String usage, List<String> names) {
    IssuedCertificate issued =
        new IssuedCertificate(directory.resolve(name + ".pem"), directory.resolve(name + ".key"));
    Path request = directory.resolve(name + ".csr");
    Path extensions = directory.resolve(name + ".ext");
    write(
        extensions,
        "basicConstraints=critical,CA:FALSE\n"
            + "keyUsage=critical,digitalSignature,keyEncipherment\n"
            + "extendedKeyUsage="
            + usage
            + "\n"
            + "subjectAltName="
            + String.join(",", names)
            + "\n");
    openssl(
        "req",
        "-new",
        "-nodes",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-subj",
        "/CN=" + name,
        "-keyout",
        issued.privateKey().toString(),
        "-out",
        request.toString());
    openssl(
        "x509",
        "-req",
        "-in",
        request.toString(),
        "-days",
        DAYS,
        "-CA",
        certificate().toString(),
        "-CAkey",
        key().toString(),
        "-CAcreateserial",
        "-CAserial",
        directory.resolve("ca.srl").toString(),
        "-extfile",
        extensions.toString(),
        "-out",
        issued.certificate().toString());
    return issued;
  }

  private Path key() {
    return directory.resolve("ca.key");
  }

  private void openssl(String... arguments) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Path output = directory.resolve("openssl.out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl did not finish in 60 s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl failed with "
                + process.exitValue()
                + ": "
                + command
                + "\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl (is it installed?): " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
