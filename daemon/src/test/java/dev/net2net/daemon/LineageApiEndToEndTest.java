package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.Sha256;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.event.Event;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lineage page's API over HTTP against a running daemon on real PostgreSQL: artifact downloads
 * (bytes and checksum, ETag and 304, HEAD, explicit access to a rejected version, precise 4xx), the
 * lineage JSON, the model card, and the event stream (live delivery, resumption with
 * Last-Event-ID).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LineageApiEndToEndTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final String REJECTED_BYTES =
      "a candidate the gate refused, stored as the registry stores any artifact";
  private static DaemonHarness harness;
  private static Net2NetDaemon daemon;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startWithASeed() throws Exception {
    harness = DaemonHarness.create("lineage_api", DaemonHarness.widenOnGrowth(0.0, 1));
    harness.drip(1000);
    daemon = harness.start("lineage-worker");
    harness.awaitSeed();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + daemon.httpPort() + path);
  }

  private static HttpResponse<byte[]> fetch(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertError(HttpResponse<byte[]> r, int status, String fragment) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.statusCode()).as(body).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    JsonObject json = new JsonObject(body);
    assertThat(json.getInteger("status")).isEqualTo(status);
    assertThat(json.getString("error")).contains(fragment);
  }

  /** A version the gate rejected, registered as the daemon's pipeline registers one. */
  private static ModelVersion registerRejected() {
    return harness
        .registry()
        .versions()
        .register(
            NewVersion.grown(
                    new VersionRef(NAME, 1),
                    Transform.deepen("hidden1", 0.0, 3),
                    "dense test",
                    1234,
                    harness.registry().versions().get(new VersionRef(NAME, 1)).dataset(),
                    2.5e-7)
                .withState(
                    VersionState.rejected(
                        "validation accuracy 0.41 is not 0.01 above the champion's 0.42")),
            ArtifactSource.ofBytes(REJECTED_BYTES.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @Order(1)
  void theChampionsArtifactDownloadsAsTheStoredBytesWithTheirChecksum() throws Exception {
    VersionRef seed = new VersionRef(NAME, 1);
    ModelVersion stored = harness.registry().versions().get(seed);
    byte[] expected = harness.registry().versions().readArtifact(seed);

    for (String path :
        List.of(
            "/api/models/" + MODEL + "/versions/1/artifact",
            "/api/models/" + MODEL + "/aliases/champion/artifact")) {
      HttpResponse<byte[]> r = fetch("GET", path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.body()).as(path).isEqualTo(expected);
      String hex = Sha256.of(r.body()).hex();
      assertThat(hex).isEqualTo(stored.artifact().sha256().hex());
      assertThat(r.headers().firstValue("X-Artifact-Sha256")).contains(hex);
      assertThat(r.headers().firstValue("ETag")).contains("\"" + hex + "\"");
      assertThat(r.headers().firstValue("Repr-Digest"))
          .contains(
              "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + ":");
      assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(stored.artifact().size());
      assertThat(r.headers().firstValue("Content-Type")).contains("application/zip");
      assertThat(r.headers().firstValue("Content-Disposition"))
          .contains("attachment; filename=\"" + MODEL + "-v1.zip\"");
      assertThat(r.headers().firstValue("X-Model-Version")).contains("1");
    }
    assertThat(
            fetch("GET", "/api/models/" + MODEL + "/versions/1/artifact")
                .headers()
                .firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("immutable"));
    assertThat(
            fetch("GET", "/api/models/" + MODEL + "/aliases/champion/artifact")
                .headers()
                .firstValue("Cache-Control"))
        .contains("no-cache");
  }

  @Test
  @Order(2)
  void aClientWithTheCurrentETagGetsA304AndAStaleOneTheBytes() throws Exception {
    String path = "/api/models/" + MODEL + "/aliases/champion/artifact";
    String etag = fetch("HEAD", path).headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> current = fetch("GET", path, "If-None-Match", etag);
    assertThat(current.statusCode()).isEqualTo(304);
    assertThat(current.body()).isEmpty();
    assertThat(current.headers().firstValue("ETag")).contains(etag);
    assertThat(fetch("GET", path, "If-None-Match", "\"0000\", W/" + etag).statusCode())
        .isEqualTo(304);
    assertThat(fetch("GET", path, "If-None-Match", "*").statusCode()).isEqualTo(304);

    HttpResponse<byte[]> stale = fetch("GET", path, "If-None-Match", "\"" + "0".repeat(64) + "\"");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(Sha256.of(stale.body()).hex()).isEqualTo(etag.replace("\"", ""));

    HttpResponse<byte[]> head = fetch("HEAD", path);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length"))
        .hasValue(harness.registry().versions().get(new VersionRef(NAME, 1)).artifact().size());
  }

  @Test
  @Order(3)
  void unknownOrMalformedTargetsArePreciseJsonErrors() throws Exception {
    assertError(fetch("GET", "/api/models/" + MODEL + "/versions/99/artifact"), 404, "99");
    assertError(
        fetch("GET", "/api/models/no-such-model/versions/1/artifact"), 404, "no-such-model");
    assertError(
        fetch("GET", "/api/models/" + MODEL + "/aliases/staging/artifact"),
        404,
        "has no alias 'staging'");
    assertError(
        fetch("GET", "/api/models/no-such-model/aliases/champion/artifact"), 404, "no-such-model");
    assertError(
        fetch("GET", "/api/models/" + MODEL + "/versions/abc/artifact"),
        400,
        "positive whole number, got 'abc'");
    assertError(fetch("GET", "/api/models/" + MODEL + "/versions/0/artifact"), 400, "got '0'");
    assertError(
        fetch("GET", "/api/models/" + MODEL + "/aliases/Bad%20Alias/artifact"),
        400,
        "invalid alias");
    assertError(
        fetch("GET", "/api/models/" + MODEL + "/versions/1/artifact?anyStatus=maybe"),
        400,
        "anyStatus must be true or false");
    assertError(fetch("GET", "/api/models/" + MODEL + "/versions/99/card"), 404, "99");
    assertError(fetch("GET", "/api/models/no-such-model/lineage"), 404, "no-such-model");
    assertError(fetch("GET", "/api/events?model=no-such-model"), 404, "no-such-model");
    assertError(fetch("GET", "/api/events", "Last-Event-ID", "yesterday"), 400, "Last-Event-ID");
  }

  @Test
  @Order(4)
  void aRejectedVersionsArtifactIsServedOnlyWhenAskedForExplicitly() throws Exception {
    ModelVersion rejected = registerRejected();
    String path = "/api/models/" + MODEL + "/versions/" + rejected.number() + "/artifact";
    assertError(fetch("GET", path), 409, "is rejected (validation accuracy 0.41");
    assertError(fetch("GET", path), 409, "?anyStatus=true");
    HttpResponse<byte[]> explicit = fetch("GET", path + "?anyStatus=true");
    assertThat(explicit.statusCode()).isEqualTo(200);
    assertThat(new String(explicit.body(), StandardCharsets.UTF_8)).isEqualTo(REJECTED_BYTES);
    assertThat(explicit.headers().firstValue("X-Artifact-Sha256"))
        .contains(rejected.artifact().sha256().hex());
  }

  @Test
  @Order(5)
  void theLineageJsonHasEveryVersionItsEdgeAndItsDecision() throws Exception {
    JsonObject lineage =
        new JsonObject(
            new String(
                fetch("GET", "/api/models/" + MODEL + "/lineage").body(), StandardCharsets.UTF_8));
    List<ModelVersion> versions = harness.registry().versions().list(NAME);
    JsonArray nodes = lineage.getJsonArray("versions");
    assertThat(nodes).hasSize(versions.size());
    JsonObject seed = nodes.getJsonObject(0);
    assertThat(seed.getBoolean("champion")).isTrue();
    assertThat(seed.getJsonArray("aliases")).contains("champion");
    assertThat(seed.getString("artifactSha256"))
        .isEqualTo(versions.get(0).artifact().sha256().hex());
    assertThat(seed.getJsonArray("epochs")).isNotEmpty();
    assertThat(seed.getString("artifactUrl"))
        .isEqualTo("/api/models/" + MODEL + "/versions/1/artifact");
    JsonObject rejected = nodes.getJsonObject(nodes.size() - 1);
    assertThat(rejected.getString("status")).isEqualTo("rejected");
    assertThat(rejected.getString("label")).isEqualTo("deepen after hidden1");
    assertThat(lineage.getJsonArray("edges"))
        .contains(
            new JsonObject()
                .put("from", 1)
                .put("to", rejected.getInteger("version"))
                .put("label", "deepen after hidden1")
                .put("kind", "deepen"));
    assertThat(lineage.getJsonArray("championHistory")).hasSize(1);
    assertThat(lineage.getJsonArray("championHistory").getJsonObject(0).getInteger("version"))
        .isEqualTo(1);
    assertThat(lineage.getJsonArray("championHistory").getJsonObject(0).getDouble("accuracy"))
        .isBetween(0.0, 1.0);

    JsonArray champions =
        new JsonArray(new String(fetch("GET", "/api/champions").body(), StandardCharsets.UTF_8));
    JsonObject champion = champions.getJsonObject(0);
    assertThat(champion.getString("model")).isEqualTo(MODEL);
    assertThat(champion.getInteger("version")).isEqualTo(1);
    assertThat(champion.getLong("parameters")).isEqualTo(versions.get(0).parameterCount());
    assertThat(champion.getDouble("accuracy")).isBetween(0.0, 1.0);
    assertThat(champion.getString("championSince")).isNotNull();
  }

  @Test
  @Order(6)
  void theModelCardTellsTheVersionsStoryInMarkdown() throws Exception {
    int rejected = harness.registry().models().get(NAME).latestVersion();
    HttpResponse<byte[]> r =
        fetch("GET", "/api/models/" + MODEL + "/versions/" + rejected + "/card");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/markdown"));
    String card = new String(r.body(), StandardCharsets.UTF_8);
    ModelVersion version = harness.registry().versions().get(new VersionRef(NAME, rejected));
    assertThat(card)
        .startsWith("# " + MODEL + " version " + rejected)
        .contains("| status | rejected (validation accuracy 0.41")
        .contains("1. version 1: the seed")
        .contains("1. version " + rejected + ": `deepen after hidden1` of version 1")
        .contains(version.dataset().digest().hex())
        .contains("2.500e-07")
        .contains(version.artifact().sha256().hex())
        .contains("?anyStatus=true");
    String seedCard =
        new String(
            fetch("GET", "/api/models/" + MODEL + "/versions/1/card").body(),
            StandardCharsets.UTF_8);
    assertThat(seedCard)
        .contains("| aliases | champion |")
        .contains("| validation | accuracy |")
        .contains("Per epoch:");
  }

  @Test
  @Order(7)
  void theEventStreamDeliversNewEventsLiveAndResumesAfterTheLastIdSeen() throws Exception {
    long before = harness.registry().events().latestId();
    try (EventStreamReader live =
        EventStreamReader.open(http, uri("/api/events?model=" + MODEL), Optional.empty())) {
      assertThat(live.response().headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      ModelVersion added = registerRejected();
      List<EventStreamReader.Received> seen =
          live.awaitEvent(
              Duration.ofSeconds(20),
              "version.registered of v" + added.number(),
              e ->
                  e.data().getString("type").equals("version.registered")
                      && Integer.valueOf(added.number()).equals(e.data().getInteger("version")));
      EventStreamReader.Received registered = seen.get(seen.size() - 1);
      assertThat(registered.id()).isGreaterThan(before);
      assertThat(registered.data().getString("model")).isEqualTo(MODEL);
      assertThat(registered.data().getJsonObject("payload").getString("status"))
          .isEqualTo("rejected");
      assertThat(seen).allSatisfy(e -> assertThat(e.id()).isGreaterThan(before));
    }

    // A client that reconnects with Last-Event-ID gets exactly the model's events after it, in
    // order.
    List<Long> expected =
        harness.registry().events().after(before, 1000).stream()
            .filter(e -> e.model().equals(Optional.of(NAME)))
            .map(Event::id)
            .toList();
    assertThat(expected).isNotEmpty();
    try (EventStreamReader resumed =
        EventStreamReader.open(http, uri("/api/events?model=" + MODEL), Optional.of(before))) {
      long last = expected.get(expected.size() - 1);
      List<EventStreamReader.Received> seen =
          resumed.awaitEvent(Duration.ofSeconds(20), "event " + last, e -> e.id() == last);
      assertThat(seen)
          .extracting(EventStreamReader.Received::id)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  @Order(8)
  void theOpenApiDocumentIsValidForAnIndependentParserAndListsExactlyTheRoutesServed()
      throws Exception {
    String yaml = new String(fetch("GET", "/openapi.yaml").body(), StandardCharsets.UTF_8);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
    assertThat(parsed.getMessages()).as("the parser's complaints").isEmpty();
    OpenAPI api = parsed.getOpenAPI();
    assertThat(api.getPaths().get("/api/jobs").getGet().getSummary())
        .isEqualTo("Recent growth jobs, newest first.");
    assertThat(api.getComponents().getResponses().get("Conflict").getDescription())
        .isEqualTo("Compare-and-set lost, or the model is not managed here.");

    SortedSet<String> documented = new TreeSet<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(method -> documented.add(method.name() + " " + path)));
    assertThat(documented).isEqualTo(daemon.httpRoutes());
  }
}
