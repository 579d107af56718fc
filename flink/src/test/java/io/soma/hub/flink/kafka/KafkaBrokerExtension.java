package io.soma.hub.flink.kafka;

import io.soma.hub.testing.kafka.KafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for a test class: started before its first test, stopped (data deleted) after
 * its last.
 */
final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

  private KafkaBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = KafkaBroker.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
    }
  }

  KafkaBroker broker() {
    return broker;
  }
}
