package io.soma.hub.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A real KRaft Kafka broker in its own process")
class KafkaBrokerTest {

  private static KafkaBroker kafka;

  @BeforeAll
  static void start() {
    kafka = KafkaBroker.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @DisplayName("creates a topic with the partitions asked for, on loopback")
  void createsTopics() throws Exception {
    kafka.createTopic("broker.test.partitions", 3);

    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicDescription topic =
          admin
              .describeTopics(List.of("broker.test.partitions"))
              .allTopicNames()
              .get()
              .get("broker.test.partitions");
      assertThat(topic.partitions()).hasSize(3);
    }
  }

  @Test
  @DisplayName("a record produced is consumed")
  void producesAndConsumes() {
    kafka.createTopic("broker.test.plain", 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      producer.send(new ProducerRecord<>("broker.test.plain", "k", "hello")).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    assertThat(consumeAll("broker.test.plain", "read_uncommitted", 1)).containsExactly("hello");
  }

  @Test
  @DisplayName("transactions work on one broker: read_committed sees committed records only")
  void transactions() {
    kafka.createTopic("broker.test.transactions", 1);
    Properties config = producerConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("broker.test.transactions", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("broker.test.transactions", "committed"));
      producer.commitTransaction();
    }

    assertThat(consumeAll("broker.test.transactions", "read_committed", 1))
        .containsExactly("committed");
  }

  @Test
  @DisplayName("a topic nobody created is not created by a producer sending to it")
  void noAutomaticTopics() throws Exception {
    Properties config = producerConfig();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      assertThatThrownBy(
              () -> producer.send(new ProducerRecord<>("broker.test.never-created", "lost")).get())
          .hasCauseInstanceOf(TimeoutException.class);
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain("broker.test.never-created");
    }
  }

  @Test
  @DisplayName("close stops the broker: its port refuses connections and its log stays")
  void closeStops() {
    KafkaBroker second = KafkaBroker.start();
    String[] hostPort = second.bootstrapServers().split(":");
    second.close();

    assertThat(second.logFile()).exists().content().contains("Kafka Server started");
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(
                    new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1_000);
              }
            })
        .isInstanceOf(IOException.class);
  }

  private static Properties producerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return config;
  }

  /**
   * Polls until the expected number of values arrived; the test's own timeout is the surefire run.
   */
  private static List<String> consumeAll(String topic, String isolation, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-test-" + topic);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
