package io.soma.hub.testing.kafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a broker for its cluster metadata in Kafka's wire protocol (Metadata v4, no topics), so that
 * readiness is judged by the broker itself without Kafka classes on this side. The broker is ready
 * when it answers and lists at least one live broker, which in KRaft means it registered with the
 * controller and was unfenced.
 */
final class MetadataProbe {

  private static final short METADATA = 3;
  private static final short VERSION = 4;
  private static final byte[] CLIENT_ID = "kafka-broker-probe".getBytes(StandardCharsets.UTF_8);
  private static final int TIMEOUT_MILLIS = 2_000;

  private MetadataProbe() {}

  /** True when the broker at host:port answers a metadata request with at least one live broker. */
  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      int correlationId = 1;
      // Request header v1 (api key, version, correlation id, client id), then the body: an empty
      // topic array and
      // allow_auto_topic_creation = false.
      int size = 2 + 2 + 4 + 2 + CLIENT_ID.length + 4 + 1;
      out.writeInt(size);
      out.writeShort(METADATA);
      out.writeShort(VERSION);
      out.writeInt(correlationId);
      out.writeShort(CLIENT_ID.length);
      out.write(CLIENT_ID);
      out.writeInt(0);
      out.writeByte(0);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      in.readInt(); // response size
      if (in.readInt() != correlationId) {
        return false;
      }
      in.readInt(); // throttle_time_ms
      return in.readInt() > 0; // the number of live brokers
    } catch (IOException notYet) {
      return false;
    }
  }
}
