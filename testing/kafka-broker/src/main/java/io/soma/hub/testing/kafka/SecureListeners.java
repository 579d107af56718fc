package io.soma.hub.testing.kafka;

import java.nio.file.Path;

/**
 * Listeners with TLS beside the broker's plaintext one (which its readiness probe, {@code
 * createTopic} and the broker itself keep using): {@code SSL}, which requires a client certificate
 * signed by {@code authority}, and {@code SASL_SSL} with SCRAM-SHA-512 for one user. PEM files, as
 * Kafka reads them ({@code ssl.*.type=PEM}).
 *
 * @param certificate the broker's certificate, naming 127.0.0.1 (clients check the host name)
 * @param privateKey its unencrypted PKCS#8 key
 * @param authority the authority the clients' certificates must come from
 * @param saslUser the SCRAM user, created when the storage is formatted
 * @param saslPassword its password
 */
public record SecureListeners(
    Path certificate, Path privateKey, Path authority, String saslUser, String saslPassword) {}
