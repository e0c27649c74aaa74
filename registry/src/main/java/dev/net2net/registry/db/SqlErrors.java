package dev.net2net.registry.db;

import dev.net2net.registry.RegistryException;
import java.sql.SQLException;

/** Turns driver exceptions into registry exceptions whose messages say what failed and where. */
public final class SqlErrors {
  private SqlErrors() {}

  /** SQLSTATE class 08: the connection could not be made or was lost. */
  public static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }

  /**
   * @param action what was being done, e.g. "registering a version of model 'mnist'"
   * @param where the redacted database URL
   */
  public static RegistryException translate(String action, String where, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String detail = firstLine(e.getMessage());
    if (state.startsWith("08")) {
      return new DatabaseUnavailableException(
          "cannot reach the database at " + where + ": " + detail, e);
    }
    if (state.equals("3D000")) {
      return new DatabaseUnavailableException(
          "the database at " + where + " does not exist: " + detail, e);
    }
    if (state.startsWith("28")) {
      return new DatabaseUnavailableException(
          "the database at " + where + " refused the login: " + detail, e);
    }
    if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
      return new DatabaseUnavailableException(
          "the database at " + where + " is shutting down or starting up: " + detail, e);
    }
    return new RegistryException(
        action + " failed on " + where + ": " + detail + " (SQLSTATE " + state + ")", e);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
