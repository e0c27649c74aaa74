package dev.net2net.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.Registry;
import dev.net2net.registry.model.ModelName;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests (methods, targets with good and bad escapes, headers, bodies with edge-case
 * numbers and broken JSON) sent as raw bytes to a running daemon: it never answers with a 5xx, and
 * without the right token nothing in the registry changes.
 */
class HttpPropertiesTest {
  private static final ModelName OTHER = new ModelName("fuzzed");
  private static DaemonHarness harness;
  private static Net2NetDaemon daemon;

  @BeforeContainer
  static void start() throws Exception {
    harness = DaemonHarness.create("http_props", DaemonHarness.widenOnGrowth(0.0, 1));
    daemon = harness.start("fuzz");
    Registry registry = harness.registry();
    DaemonHarness.registerReadyVersions(registry, OTHER, 3, 3);
  }

  @AfterContainer
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  record Request(String method, String target, List<String> headers, byte[] body) {
    byte[] bytes() {
      StringBuilder head =
          new StringBuilder(method)
              .append(' ')
              .append(target)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1\r\nConnection: close\r\n");
      headers.forEach(h -> head.append(h).append("\r\n"));
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] all = new byte[start.length + body.length];
      System.arraycopy(start, 0, all, 0, start.length);
      System.arraycopy(body, 0, all, start.length, body.length);
      return all;
    }

    @Override
    public String toString() {
      return method
          + " "
          + target
          + " "
          + headers
          + " body="
          + new String(body, StandardCharsets.UTF_8);
    }
  }

  @Property(tries = 400)
  void theDaemonNeverAnswersWithA5xx(@ForAll("anyRequest") Request request) throws Exception {
    int status = send(request);
    assertThat(status).as(request.toString()).isBetween(200, 499);
  }

  @Property(tries = 300)
  void withoutTheTokenNothingChanges(@ForAll("requestWithoutTheToken") Request request)
      throws Exception {
    List<String> before = state();
    int status = send(request);
    assertThat(status).as(request.toString()).isBetween(200, 499);
    assertThat(state()).as(request.toString()).isEqualTo(before);
  }

  /**
   * Everything a request could change: aliases, their moves, versions, decisions, jobs, the
   * policy's load time.
   */
  private static List<String> state() throws Exception {
    List<String> state = new ArrayList<>();
    try (Connection c = harness.database().connect()) {
      for (String sql :
          List.of(
              "SELECT count(*) FROM alias_moves",
              "SELECT count(*) FROM model_versions",
              "SELECT count(*) FROM policy_decisions",
              "SELECT count(*) FROM growth_jobs",
              "SELECT count(*) FROM models",
              "SELECT string_agg(model_id || ':' || name || '=' || version_id, ',' ORDER BY model_id, name) FROM aliases",
              "SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM model_versions")) {
        try (PreparedStatement s = c.prepareStatement(sql);
            ResultSet rs = s.executeQuery()) {
          rs.next();
          state.add(sql + " -> " + rs.getString(1));
        }
      }
    }
    state.add(
        "policies loaded at "
            + harness
                .get(daemon, "/health/ready")
                .body()
                .replaceAll(".*\"loadedAt\":\"([^\"]*)\".*", "$1"));
    return state;
  }

  private static int send(Request request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", daemon.httpPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.bytes());
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      // An interim "100 Continue" (the request said Expect: 100-continue) precedes the real answer.
      while (response.startsWith("HTTP/1.1 1") && response.contains("\r\n\r\n")) {
        response = response.substring(response.indexOf("\r\n\r\n") + 4);
      }
      assertThat(response).as("an answer to " + request).startsWith("HTTP/1.1 ");
      return Integer.parseInt(response.substring(9, 12));
    }
  }

  // ---- generators

  private static Arbitrary<String> methods() {
    return Arbitraries.oneOf(
        Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
        Arbitraries.of("FOO", "PROPFIND", "get"));
  }

  private static Arbitrary<String> segments() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "api",
            "models",
            "test-mlp",
            "fuzzed",
            "versions",
            "1",
            "2",
            "3",
            "0",
            "-1",
            "99999999999",
            "lineage",
            "aliases",
            "champion",
            "grow",
            "decisions",
            "jobs",
            "policies",
            "reload",
            "health",
            "live",
            "ready",
            "metrics",
            "openapi.yaml",
            "",
            ".",
            "..",
            "%ZZ",
            "%2F",
            "%00",
            "%E2%82%AC",
            "%C3",
            "%",
            "a%2",
            "%%",
            "UPPER",
            "name with space".replace(" ", "%20")),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars("-_.~")
            .ofMinLength(1)
            .ofMaxLength(40),
        Arbitraries.strings().withCharRange('a', 'z').ofLength(300));
  }

  private static Arbitrary<String> targets() {
    Arbitrary<String> path =
        segments().list().ofMinSize(1).ofMaxSize(7).map(s -> "/" + String.join("/", s));
    Arbitrary<String> known =
        Arbitraries.of(
            "/api/models",
            "/api/models/fuzzed",
            "/api/models/fuzzed/versions",
            "/api/models/fuzzed/aliases/champion",
            "/api/models/fuzzed/aliases/staging",
            "/api/models/test-mlp/grow",
            "/api/models/fuzzed/grow",
            "/api/policies/reload",
            "/api/jobs",
            "/api/models/fuzzed/decisions",
            "/api/models/fuzzed/versions/2/lineage",
            "/health/ready",
            "/metrics");
    Arbitrary<String> query =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.of("0", "1", "-1", "abc", "1001", "99999999999", "%ZZ", "", "2.5", "%31")
                .map(v -> "?limit=" + v),
            Arbitraries.of("fuzzed", "test-mlp", "%ZZ", "Bad Name", "")
                .map(v -> "?model=" + v.replace(" ", "%20")),
            Arbitraries.of("?", "?&", "?=", "?a=1&a=2", "?limit"));
    return Combinators.combine(Arbitraries.oneOf(path, known), query).as((p, q) -> p + q);
  }

  private static Arbitrary<Object> numbers() {
    return Arbitraries.of(
        0,
        1,
        2,
        3,
        4,
        -1,
        Integer.MAX_VALUE,
        2147483648L,
        4294967299L,
        4294967298L,
        2.9,
        3.0,
        1e308,
        -0.0,
        "2",
        "3",
        true,
        null,
        List.of(),
        "{}");
  }

  private static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s.equals("{}") ? s : "\"" + s + "\"";
    }
    if (value instanceof List<?>) {
      return "[]";
    }
    return String.valueOf(value);
  }

  private static Arbitrary<byte[]> bodies() {
    Arbitrary<String> aliasMove =
        Combinators.combine(numbers(), numbers(), Arbitraries.of(0, 1, 2, 3))
            .as(
                (v, e, shape) ->
                    switch (shape) {
                      case 0 -> "{\"version\":" + json(v) + ",\"expected\":" + json(e) + "}";
                      case 1 -> "{\"version\":" + json(v) + "}";
                      case 2 ->
                          "{\"version\":"
                              + json(v)
                              + ",\"expected\":"
                              + json(e)
                              + ",\"reason\":"
                              + json(e)
                              + "}";
                      default -> "{\"expected\":" + json(e) + "}";
                    });
    Arbitrary<String> grow =
        Arbitraries.of(
            "{}",
            "{\"rule\":\"widen-on-growth\"}",
            "{\"rule\":\"nope\"}",
            "{\"rule\":7}",
            "{\"rule\":null}",
            "{\"rule\":\"\"}");
    Arbitrary<String> broken =
        Arbitraries.of(
            "{",
            "[1,2]",
            "null",
            "\"text\"",
            "{\"version\":}",
            "{\"a\":1}}",
            "{\"version\":1e99999}",
            "{\"version\":0x10}",
            "{\"version\":NaN}",
            "\u0000",
            "{\"version\":2,\"version\":3}");
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> any = Arbitraries.oneOf(Arbitraries.just(""), aliasMove, grow, broken, text);
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    return Arbitraries.oneOf(any.map(s -> s.getBytes(StandardCharsets.UTF_8)), raw);
  }

  private static Arbitrary<List<String>> headers(Arbitrary<Optional<String>> authorization) {
    Arbitrary<Optional<String>> contentType =
        Arbitraries.of(
            Optional.of("Content-Type: application/json"),
            Optional.of("Content-Type: text/plain"),
            Optional.of("Content-Type: \u00e9\u00e9"),
            Optional.empty(),
            Optional.of("Content-Type: application/json; charset=latin1"));
    Arbitrary<Optional<String>> extra =
        Arbitraries.of(
            Optional.empty(),
            Optional.of("Accept: */*"),
            Optional.of("X-Forwarded-For: 10.0.0.1"),
            Optional.of("Accept-Encoding: gzip"),
            Optional.of("Expect: 100-continue"));
    return Combinators.combine(authorization, contentType, extra)
        .as(
            (a, c, x) -> {
              List<String> list = new ArrayList<>();
              a.ifPresent(list::add);
              c.ifPresent(list::add);
              x.ifPresent(list::add);
              return list;
            });
  }

  private static Arbitrary<Optional<String>> wrongTokens() {
    return Arbitraries.of(
        Optional.empty(),
        Optional.of("Authorization: Bearer wrong"),
        Optional.of("Authorization: Bearer " + DaemonHarness.TOKEN + "x"),
        Optional.of("Authorization: Bearer " + DaemonHarness.TOKEN.substring(1)),
        Optional.of("Authorization: bearer"),
        Optional.of("Authorization: Basic " + DaemonHarness.TOKEN),
        Optional.of("Authorization: " + DaemonHarness.TOKEN),
        Optional.of("Authorization:"),
        Optional.of("Authorization: Bearer  " + DaemonHarness.TOKEN));
  }

  @Provide
  Arbitrary<Request> anyRequest() {
    Arbitrary<Optional<String>> authorization =
        Arbitraries.oneOf(
            wrongTokens(),
            Arbitraries.just(Optional.of("Authorization: Bearer " + DaemonHarness.TOKEN)));
    return Combinators.combine(methods(), targets(), headers(authorization), bodies())
        .as(Request::new);
  }

  @Provide
  Arbitrary<Request> requestWithoutTheToken() {
    return Combinators.combine(methods(), targets(), headers(wrongTokens()), bodies())
        .as(Request::new);
  }
}
