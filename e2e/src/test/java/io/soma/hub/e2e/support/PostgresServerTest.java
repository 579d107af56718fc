package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

  @Test
  void servesTheHubDatabaseToItsPasswordUserOverTcp() throws SQLException {
    try (PostgresServer postgres = PostgresServer.start();
        Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute("create table probe (id int primary key)");
      ResultSet row = statement.executeQuery("select 1, current_user, current_database()");

      assertThat(row.next()).isTrue();
      assertThat(row.getInt(1)).isEqualTo(1);
      assertThat(row.getString(2)).isEqualTo("hub");
      assertThat(row.getString(3)).isEqualTo("hub");
      assertThatThrownBy(
              () -> DriverManager.getConnection(postgres.jdbcUrl(), "hub", "wrong").close())
          .isInstanceOf(SQLException.class);
    }
  }
}
