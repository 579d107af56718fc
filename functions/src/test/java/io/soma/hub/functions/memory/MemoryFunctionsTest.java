package io.soma.hub.functions.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.store.memory.Embeddings;
import io.soma.hub.store.memory.MemorySearch;
import io.soma.hub.store.memory.MemoryStore;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * The memory functions as plain Java on the real store (in-memory H2): no HTTP, no Spring context.
 */
class MemoryFunctionsTest {

  private static final Caller ACME =
      new Caller("acme", "ann", java.util.Set.of("memory:write", "memory:read"));
  private static final Caller GLOBEX = new Caller("globex", "gus", java.util.Set.of("memory:read"));

  private final MemoryStore store = new MemoryStore(migrated(), Clock.systemUTC());
  private final MemorySearch search = new MemorySearch(store, Embeddings.none());
  private final RememberMemory remember = new RememberMemory(store, search);
  private final RecallMemory recall = new RecallMemory(store);
  private final SearchMemory searchMemory = new SearchMemory(search);

  private static DataSource migrated() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  @Test
  void remembersRecallsAndSearchesWithinTheTenant() {
    var value = JsonNodeFactory.instance.objectNode().put("tone", "warm").put("words", 3);
    MemoryView created =
        remember.apply(new RememberCommand(ACME, new RememberBody("brand:voice", value, null)));
    MemoryView replaced =
        remember.apply(
            new RememberCommand(ACME, new RememberBody("brand:voice", value, Map.of("v", "2"))));

    assertThat(created.created()).isTrue();
    assertThat(replaced.created()).isFalse();
    MemoryView recalled = recall.apply(new RecallLookup(ACME, "brand:voice"));
    assertThat(recalled.value()).isEqualTo(value);
    assertThat(recalled.metadata()).containsExactly(Map.entry("v", "2"));
    assertThat(recalled.updatedAt()).isNotBlank();

    assertThatThrownBy(() -> recall.apply(new RecallLookup(GLOBEX, "brand:voice")))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            searchMemory
                .apply(new SearchCommand(GLOBEX, new SearchBody("warm tone", null)))
                .matches())
        .isEmpty();
    SearchView found =
        searchMemory.apply(new SearchCommand(ACME, new SearchBody("warm tone", null)));
    assertThat(found.ranking()).isEqualTo("lexical");
    assertThat(found.fallbackReason()).isNull();
    assertThat(found.matches()).extracting(SearchView.Match::key).containsExactly("brand:voice");
  }

  @Test
  void aStringValueIsRecalledAsAString() {
    remember.apply(
        new RememberCommand(
            ACME, new RememberBody("note", StringNode.valueOf("plain text"), null)));

    assertThat(recall.apply(new RecallLookup(ACME, "note")).value().asString())
        .isEqualTo("plain text");
  }

  @Test
  void everyBodyRuleNamesItsField() {
    StringNode text = StringNode.valueOf("x");
    assertInvalid(() -> new RememberBody(null, text, null), "key", "is required");
    assertInvalid(() -> new RememberBody("a b", text, null), "key", "characters of");
    assertInvalid(() -> new RememberBody("x".repeat(201), text, null), "key", "1 to 200");
    assertInvalid(() -> new RememberBody("k", null, null), "value", "must not be null");
    assertInvalid(
        () -> new RememberBody("k", JsonNodeFactory.instance.nullNode(), null),
        "value",
        "must not be null");
    assertInvalid(
        () -> new RememberBody("k", StringNode.valueOf("y".repeat(32 * 1024)), null),
        "value",
        "at most 32768 bytes");
    Map<String, String> tooMany =
        IntStream.range(0, 33).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
    assertInvalid(() -> new RememberBody("k", text, tooMany), "metadata", "at most 32 keys");
    assertInvalid(
        () -> new RememberBody("k", text, Map.of("campaign", "c".repeat(201))),
        "metadata.campaign",
        "1 to 200");
    assertInvalid(() -> new SearchBody(null, null), "query", "is required");
    assertInvalid(() -> new SearchBody("  ", null), "query", "not blank");
    assertInvalid(() -> new SearchBody("q".repeat(1001), null), "query", "1 to 1000");
    assertInvalid(() -> new SearchBody("q", 0), "limit", "1 to 50");
    assertInvalid(() -> new SearchBody("q", 51), "limit", "1 to 50");
    assertThat(new SearchBody("q", null).limit()).isEqualTo(5);
    assertInvalid(() -> new RefreshBody(null, null), "campaign", "is required");
    assertInvalid(() -> new RefreshBody("c".repeat(201), true), "campaign", "1 to 200");
    assertThat(new RefreshBody("fall_launch", null).force()).isFalse();
    assertInvalid(
        () -> new RecallMemory(store).apply(new RecallLookup(ACME, "a/b")), "key", "characters of");
  }

  private static void assertInvalid(Runnable call, String field, String rule) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.rule()).contains(rule);
            });
  }
}
