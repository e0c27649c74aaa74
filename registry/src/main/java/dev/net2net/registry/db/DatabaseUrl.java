package dev.net2net.registry.db;

import dev.net2net.registry.Net2NetHome;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the registry lives: a PostgreSQL server named by a JDBC URL, or the embedded PostgreSQL
 * whose data directory is on local disk.
 *
 * <p>Accepted spellings: {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=U&password=P...]},
 * {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE} (libpq style, also {@code
 * postgres://}), {@code embedded} (the data directory under {@link Net2NetHome}) and {@code
 * embedded:DIR}.
 */
public sealed interface DatabaseUrl {

  String EXPECTED_FORMS =
      "expected jdbc:postgresql://HOST[:PORT]/DATABASE, postgresql://[USER@]HOST[:PORT]/DATABASE, embedded or embedded:DIR";

  /** The URL with any password masked, for messages and logs. */
  String redacted();

  /** A PostgreSQL server reached by this JDBC URL. */
  record Jdbc(String url) implements DatabaseUrl {
    public Jdbc {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new MalformedDatabaseUrlException(
            "malformed database URL '" + redact(url) + "': " + EXPECTED_FORMS);
      }
      Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
      if (parsed == null) {
        throw new MalformedDatabaseUrlException(
            "malformed database URL '"
                + redact(url)
                + "': the PostgreSQL driver cannot parse it; "
                + EXPECTED_FORMS);
      }
      String database = parsed.getProperty("PGDBNAME", "");
      if (database.isBlank()) {
        throw new MalformedDatabaseUrlException(
            "malformed database URL '"
                + redact(url)
                + "': no database name after the host; "
                + EXPECTED_FORMS);
      }
    }

    @Override
    public String redacted() {
      return redact(url);
    }

    @Override
    public String toString() {
      return redacted();
    }
  }

  /**
   * The embedded PostgreSQL whose data directory is {@code dataDirectory}; started on first use.
   */
  record Embedded(Path dataDirectory) implements DatabaseUrl {
    public Embedded {
      Objects.requireNonNull(dataDirectory, "dataDirectory");
      dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    @Override
    public String redacted() {
      return "embedded:" + dataDirectory;
    }

    @Override
    public String toString() {
      return redacted();
    }
  }

  static DatabaseUrl embeddedDefault() {
    return new Embedded(Net2NetHome.embeddedPostgresDirectory());
  }

  /**
   * Parses one of the accepted spellings; anything else is a {@link MalformedDatabaseUrlException}.
   */
  static DatabaseUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new MalformedDatabaseUrlException(
          "malformed database URL '': it is empty; " + EXPECTED_FORMS);
    }
    String trimmed = text.strip();
    if (trimmed.equals("embedded")) {
      return embeddedDefault();
    }
    if (trimmed.startsWith("embedded:")) {
      String directory = trimmed.substring("embedded:".length());
      if (directory.isBlank()) {
        throw new MalformedDatabaseUrlException(
            "malformed database URL '"
                + trimmed
                + "': no directory after 'embedded:'; "
                + EXPECTED_FORMS);
      }
      try {
        return new Embedded(Path.of(directory));
      } catch (InvalidPathException e) {
        throw new MalformedDatabaseUrlException(
            "malformed database URL '"
                + trimmed
                + "': '"
                + directory
                + "' is not a valid path ("
                + e.getReason()
                + ")");
      }
    }
    if (trimmed.startsWith("jdbc:")) {
      return new Jdbc(trimmed);
    }
    if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
      return new Jdbc(fromLibpqUri(trimmed));
    }
    throw new MalformedDatabaseUrlException(
        "malformed database URL '" + redact(trimmed) + "': " + EXPECTED_FORMS);
  }

  /** Rewrites {@code postgresql://user:pw@host:port/db?k=v} into the driver's JDBC form. */
  private static String fromLibpqUri(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new MalformedDatabaseUrlException(
          "malformed database URL '"
              + redact(text)
              + "': "
              + e.getReason()
              + " at index "
              + e.getIndex());
    }
    if (uri.getHost() == null) {
      throw new MalformedDatabaseUrlException(
          "malformed database URL '" + redact(text) + "': no host name; " + EXPECTED_FORMS);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.length() <= 1) {
      throw new MalformedDatabaseUrlException(
          "malformed database URL '"
              + redact(text)
              + "': no database name after the host; "
              + EXPECTED_FORMS);
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() != -1) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(path);
    StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user =
          URLDecoder.decode(
              colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
      appendParameter(query, "user", user);
      if (colon >= 0) {
        appendParameter(
            query,
            "password",
            URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8));
      }
    }
    if (query.length() > 0) {
      jdbc.append('?').append(query);
    }
    return jdbc.toString();
  }

  private static void appendParameter(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /** Masks passwords in both the query-parameter and the user-info spelling. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***")
        .replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
  }
}
