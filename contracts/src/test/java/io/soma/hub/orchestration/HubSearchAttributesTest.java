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
}
