package dev.net2net.cli.registry;

import dev.net2net.registry.db.Database;
import dev.net2net.registry.db.Migrations;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code net2net migrate}: bring a registry database's schema up to date. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Apply pending registry schema migrations to a database (safe to run while daemons start:",
      "concurrent migrations wait for each other)."
    })
public final class MigrateCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    CommandLogging.configure(true);
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Database.open(database.databaseUrl(), 1)) {
      Migrations.Outcome outcome = new Migrations(db).migrate();
      out.println(
          db.where()
              + ": schema at version "
              + outcome.schemaVersion().orElse("(none)")
              + ", "
              + outcome.applied()
              + " migration(s) applied");
    }
    out.flush();
  }
}
