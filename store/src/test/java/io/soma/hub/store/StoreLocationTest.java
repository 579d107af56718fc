package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreLocationTest {

  @Test
  void theEmbeddedFileDatabaseIsOnlyForLocalMode() {
    String file = "jdbc:h2:file:/tmp/soma-hub/hub;AUTO_SERVER=TRUE";

    assertThatCode(() -> new StoreLocation(file, true)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new StoreLocation(file, false)).hasMessageContaining("HUB_DB_URL");
    assertThatCode(() -> new StoreLocation("jdbc:postgresql://db:5432/hub", false))
        .doesNotThrowAnyException();
  }
}
