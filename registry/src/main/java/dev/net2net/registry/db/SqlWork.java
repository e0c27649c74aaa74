package dev.net2net.registry.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on a JDBC connection; it may throw {@link SQLException}, which the caller translates.
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
