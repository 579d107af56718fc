package io.soma.hub.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSearchAttributesTest {

  @Test
  void theFileListsExactlyTheKeysTheCodeSets() {
    assertThat(HubSearchAttributes.all())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                HubSearchAttributes.TENANT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                HubSearchAttributes.USER.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @Test
  void plainNamesStayReadableAndEveryOtherIsEncodedWithoutQuotesOrBackslashes() {
    assertThat(HubSearchAttributes.keyword("acme-corp.eu:team@1_x"))
        .isEqualTo("acme-corp.eu:team@1_x");
    for (String odd :
        new String[] {
          "o'brien", "a\\b", "x\" OR HubTenant = \"y", "~plain", "ünïcode", " ", "a b"
        }) {
      assertThat(HubSearchAttributes.keyword(odd))
          .as(odd)
          .startsWith("~")
          .matches("~[A-Za-z0-9_-]*");
    }
    assertThat(HubSearchAttributes.keyword("o'brien"))
        .isNotEqualTo(HubSearchAttributes.keyword("o\"brien"));
  }
}
