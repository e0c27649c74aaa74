package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.db.Database;
import dev.net2net.registry.db.DatabaseUnavailableException;
import dev.net2net.registry.db.DatabaseUrl;
import dev.net2net.registry.db.MalformedDatabaseUrlException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void acceptsJdbcLibpqAndEmbeddedSpellings() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5433/registry?user=n2n"))
        .isEqualTo(new DatabaseUrl.Jdbc("jdbc:postgresql://db:5433/registry?user=n2n"));
    assertThat(DatabaseUrl.parse("postgresql://n2n:s%40cret@db:5433/registry?sslmode=require"))
        .isEqualTo(
            new DatabaseUrl.Jdbc(
                "jdbc:postgresql://db:5433/registry?sslmode=require&user=n2n&password=s%40cret"));
    assertThat(DatabaseUrl.parse("embedded:/var/lib/n2n"))
        .isEqualTo(new DatabaseUrl.Embedded(Path.of("/var/lib/n2n")));
    assertThat(DatabaseUrl.parse("embedded"))
        .isEqualTo(new DatabaseUrl.Embedded(Net2NetHome.embeddedPostgresDirectory()));
  }

  @Test
  void malformedUrlsGetOneLineNamingTheUrlAndTheAcceptedForms() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/registry"))
        .isInstanceOf(MalformedDatabaseUrlException.class)
        .hasMessage("malformed database URL 'mysql://db/registry': " + DatabaseUrl.EXPECTED_FORMS);
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://db:notaport/registry"))
        .hasMessageStartingWith(
            "malformed database URL 'jdbc:postgresql://db:notaport/registry': the PostgreSQL driver cannot parse it");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db:5432"))
        .hasMessageStartingWith(
            "malformed database URL 'postgresql://db:5432': no database name after the host");
    assertThatThrownBy(() -> DatabaseUrl.parse(" "))
        .hasMessageStartingWith("malformed database URL '': it is empty");
    assertThatThrownBy(() -> DatabaseUrl.parse("embedded:"))
        .hasMessageContaining("no directory after 'embedded:'");
  }

  @Test
  void passwordsNeverAppearInMessages() {
    assertThat(
            DatabaseUrl.parse("jdbc:postgresql://db/registry?user=a&password=hunter2").redacted())
        .isEqualTo("jdbc:postgresql://db/registry?user=a&password=***");
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://a:hunter2@db/x"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anUnreachableServerIsOneClearError() {
    DatabaseUrl nowhere = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:1/registry?user=postgres");
    assertThatThrownBy(() -> Database.open(nowhere, 1))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith(
            "cannot reach the database at jdbc:postgresql://127.0.0.1:1/registry?user=postgres: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingDatabaseIsNamed() {
    DatabaseUrl missing = new DatabaseUrl.Jdbc(TestDatabase.urlOf("n2n_no_such_database"));
    assertThatThrownBy(() -> Database.open(missing, 1))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("the database at " + missing.redacted() + " does not exist");
  }
}
