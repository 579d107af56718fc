package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  private static final Set<String> KNOWN = Set.of("status", "cursor", "limit");

  @Test
  void namesAndValuesArePercentDecodedAndPlusIsASpace() {
    assertThat(QueryParameters.parse("status=RUNNING&limit=%32%30&cursor=a+b%2Bc", KNOWN))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("status", "RUNNING", "limit", "20", "cursor", "a b+c"));
  }

  @Test
  void noQueryEmptyPairsAndANameWithoutValueAreFine() {
    assertThat(QueryParameters.parse(null, KNOWN)).isEmpty();
    assertThat(QueryParameters.parse("", KNOWN)).isEmpty();
    assertThat(QueryParameters.parse("&&status&", KNOWN))
        .containsExactlyEntriesOf(Map.of("status", ""));
  }

  @Test
  void anUnknownNameIsRefusedWithTheNamesTheEndpointTakes() {
    assertThatThrownBy(() -> QueryParameters.parse("limit=1&offset=2", KNOWN))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("offset");
              assertThat(e.rule()).contains("cursor, limit, status");
            });
    assertThatThrownBy(() -> QueryParameters.parse("x".repeat(500) + "=1", KNOWN))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).hasSizeLessThan(70));
  }

  @Test
  void aRepeatedNameIsRefusedEvenWithTheSameValue() {
    assertThatThrownBy(() -> QueryParameters.parse("limit=1&limit=1", KNOWN))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> QueryParameters.parse("limit=1&li%6Dit=2", KNOWN))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aBrokenEscapeIsRefused() {
    for (String query :
        new String[] {"limit=%", "limit=%2", "limit=%zz", "limit=%C0%AE", "st%FFatus=1"}) {
      assertThatThrownBy(() -> QueryParameters.parse(query, KNOWN))
          .as(query)
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
