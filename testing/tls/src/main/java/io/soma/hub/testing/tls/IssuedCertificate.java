package io.soma.hub.testing.tls;

import java.nio.file.Path;

/**
 * A certificate and its private key, as PEM files.
 *
 * @param certificate the X.509 certificate
 * @param privateKey its unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}), readable by the owner only
 */
public record IssuedCertificate(Path certificate, Path privateKey) {}
