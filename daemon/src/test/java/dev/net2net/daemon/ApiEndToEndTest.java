package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.TOKEN;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.DaemonHarness.Response;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.shard.ShardStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every endpoint of the running daemon over HTTP, with the bad requests and the token. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiEndToEndTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static DaemonHarness harness;
  private static Net2NetDaemon daemon;

  @BeforeAll
  static void startWithASeed() throws Exception {
    harness = DaemonHarness.create("api", DaemonHarness.widenOnGrowth(0.0, 1));
    harness.drip(1000);
    daemon = harness.start("api-worker");
    harness.awaitSeed();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static Response get(String path) throws Exception {
    return harness.get(daemon, path);
  }

  private static Response call(String method, String path, String token, String body)
      throws Exception {
    return harness.send(daemon, method, path, Optional.ofNullable(token), body);
  }

  private static void assertError(Response r, int status, String fragment) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonObject json = new JsonObject(r.body());
    assertThat(json.getInteger("status")).isEqualTo(status);
    assertThat(json.getString("error")).contains(fragment);
  }

  @Test
  @Order(1)
  void healthOpenApiAndMetrics() throws Exception {
    assertThat(get("/health/live").status()).isEqualTo(200);
    Response ready = get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getString("database")).isEqualTo("reachable");
    assertThat(new JsonObject(ready.body()).getJsonObject("policy").getJsonArray("models"))
        .contains(MODEL);
    Response openApi = get("/openapi.yaml");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.body())
        .startsWith("openapi: 3")
        .contains("/api/models/{name}/versions/{version}/lineage");
    // The evaluator publishes the champion's gauges a moment after the alias moves.
    await(
        Duration.ofSeconds(30),
        "the champion's metrics",
        () -> {
          try {
            return get("/metrics").body().contains("net2net_champion_parameters");
          } catch (Exception e) {
            return false;
          }
        });
    assertThat(get("/metrics").body())
        .contains("net2net_dataset_rows{model=\"test-mlp\"} 1000")
        .contains("net2net_champion_parameters")
        .contains("hikaricp_connections");
  }

  @Test
  @Order(2)
  void readingModelsVersionsLineageDecisionsAndJobs() throws Exception {
    JsonArray models = new JsonArray(get("/api/models").body());
    assertThat(models)
        .anySatisfy(
            m -> {
              assertThat(((JsonObject) m).getString("name")).isEqualTo(MODEL);
              assertThat(((JsonObject) m).getInteger("champion")).isEqualTo(1);
              assertThat(((JsonObject) m).getBoolean("managed")).isTrue();
            });
    JsonObject model = new JsonObject(get("/api/models/" + MODEL).body());
    assertThat(model.getJsonObject("aliases").getInteger("champion")).isEqualTo(1);
    assertThat(
            model
                .getJsonObject("champion")
                .getJsonObject("metrics")
                .getDouble("validation.accuracy"))
        .isPositive();
    assertThat(model.getString("policy")).isEqualTo("test");

    JsonArray versions = new JsonArray(get("/api/models/" + MODEL + "/versions").body());
    assertThat(versions).hasSize(1);
    JsonObject seed = versions.getJsonObject(0);
    assertThat(seed.getInteger("version")).isEqualTo(1);
    assertThat(seed.getValue("parent")).isNull();
    assertThat(seed.getString("status")).isEqualTo("ready");
    assertThat(seed.getLong("parameters")).isPositive();

    JsonObject lineage = new JsonObject(get("/api/models/" + MODEL + "/versions/1/lineage").body());
    assertThat(lineage.getJsonObject("version").getInteger("version")).isEqualTo(1);
    assertThat(lineage.getJsonArray("ancestors")).isEmpty();

    assertThat(get("/api/models/" + MODEL + "/decisions?limit=10").status()).isEqualTo(200);
    JsonArray jobs = new JsonArray(get("/api/jobs").body());
    assertThat(jobs)
        .anySatisfy(
            j -> {
              assertThat(((JsonObject) j).getString("status")).isEqualTo("succeeded");
              assertThat(((JsonObject) j).getJsonObject("spec").getString("kind"))
                  .isEqualTo("seed");
            });
  }

  @Test
  @Order(3)
  void badReadsAre4xxWithAJsonBody() throws Exception {
    assertError(get("/api/models/no-such-model"), 404, "no-such-model");
    assertError(get("/api/models/Not%20A%20Name"), 400, "");
    assertError(
        get("/api/models/" + MODEL + "/versions/abc/lineage"), 400, "positive whole number");
    assertError(get("/api/models/" + MODEL + "/versions/0/lineage"), 400, "positive whole number");
    assertError(get("/api/models/" + MODEL + "/versions/99/lineage"), 404, "99");
    assertError(get("/api/models/" + MODEL + "/decisions?limit=0"), 400, "limit");
    assertError(get("/api/models/" + MODEL + "/decisions?limit=lots"), 400, "limit");
    assertError(get("/api/jobs?model=Nope!"), 400, "");
    assertError(get("/api/nothing-here"), 404, "no such endpoint");
    assertError(call("DELETE", "/api/models/" + MODEL, TOKEN, null), 405, "not allowed");
  }

  @Test
  @Order(4)
  void mutatingCallsNeedTheToken() throws Exception {
    assertError(
        call("POST", "/api/models/" + MODEL + "/grow", null, null), 401, "Authorization: Bearer");
    assertError(
        call("POST", "/api/models/" + MODEL + "/grow", "wrong-token-wrong-token", null),
        401,
        "not the configured");
    assertError(
        call(
            "PUT",
            "/api/models/" + MODEL + "/aliases/champion",
            null,
            "{\"version\":1,\"expected\":1}"),
        401,
        "Bearer");
    assertError(call("POST", "/api/policies/reload", null, null), 401, "Bearer");
  }

  @Test
  @Order(5)
  void badGrowRequestsAreRefused() throws Exception {
    assertError(
        call("POST", "/api/models/" + MODEL + "/grow", TOKEN, "{not json"),
        400,
        "not a JSON object");
    assertError(
        call("POST", "/api/models/" + MODEL + "/grow", TOKEN, "{\"rule\": \"no-such-rule\"}"),
        400,
        "has no rule 'no-such-rule'");
    assertError(
        call("POST", "/api/models/" + MODEL + "/grow", TOKEN, "{\"rule\": 7}"), 400, "'rule'");
    assertError(call("POST", "/api/models/unknown-model/grow", TOKEN, null), 404, "unknown-model");
  }

  @Test
  @Order(6)
  void aManualGrowthRequestGrowsTheModel() throws Exception {
    Response r =
        call("POST", "/api/models/" + MODEL + "/grow", TOKEN, "{\"rule\": \"manual-deepen\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    await(
        Duration.ofMinutes(2),
        "the manual deepen",
        () ->
            harness.registry().aliases().resolve(NAME, AliasName.CHAMPION).equals(Optional.of(2)));
    JsonArray versions = new JsonArray(get("/api/models/" + MODEL + "/versions").body());
    JsonObject deeper = versions.getJsonObject(1);
    assertThat(deeper.getInteger("parent")).isEqualTo(1);
    assertThat(deeper.getJsonObject("transform").getString("kind")).isEqualTo("deepen");
    // The worker moves the champion, then resolves the decision that caused the growth: wait for
    // both.
    await(
        Duration.ofSeconds(30),
        "the manual decision resolved",
        () -> {
          try {
            return get("/api/models/" + MODEL + "/decisions")
                .body()
                .contains("\"outcome\":\"promoted\"");
          } catch (Exception e) {
            return false;
          }
        });
    JsonArray decisions = new JsonArray(get("/api/models/" + MODEL + "/decisions").body());
    assertThat(decisions)
        .anySatisfy(d -> assertThat(((JsonObject) d).getString("outcome")).isEqualTo("consumed"));
    assertThat(decisions)
        .anySatisfy(
            d -> {
              assertThat(((JsonObject) d).getString("rule")).isEqualTo("manual-deepen");
              assertThat(((JsonObject) d).getString("outcome")).isEqualTo("promoted");
            });
  }

  @Test
  @Order(7)
  void aliasesMoveByCompareAndSet() throws Exception {
    String path = "/api/models/" + MODEL + "/aliases/champion";
    assertError(call("PUT", path, TOKEN, "{}"), 400, "'version'");
    assertError(call("PUT", path, TOKEN, "{\"version\": 1}"), 400, "'expected' is required");
    assertError(
        call("PUT", path, TOKEN, "{\"version\": \"one\", \"expected\": 2}"), 400, "'version'");
    assertError(call("PUT", path, TOKEN, "{\"version\": 99, \"expected\": 2}"), 404, "99");
    assertError(
        call("PUT", path, TOKEN, "{\"version\": 1, \"expected\": 1}"), 409, "names version 2");
    assertError(
        call(
            "PUT",
            "/api/models/" + MODEL + "/aliases/Bad%20Alias",
            TOKEN,
            "{\"version\":1,\"expected\":null}"),
        400,
        "");
    Response rollback =
        call("PUT", path, TOKEN, "{\"version\": 1, \"expected\": 2, \"reason\": \"roll back\"}");
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
    assertThat(harness.registry().aliases().resolve(NAME, AliasName.CHAMPION)).contains(1);
    Response staging =
        call(
            "PUT",
            "/api/models/" + MODEL + "/aliases/staging",
            TOKEN,
            "{\"version\": 2, \"expected\": null}");
    assertThat(staging.status()).as(staging.body()).isEqualTo(200);
    assertThat(
            new JsonObject(get("/api/models/" + MODEL).body())
                .getJsonObject("aliases")
                .getInteger("staging"))
        .isEqualTo(2);
  }

  @Test
  @Order(8)
  void aBadPolicyReloadKeepsTheLastGoodPolicyAndTheDaemonRunning() throws Exception {
    String good = Files.readString(harness.policyFile());
    String loadedAt =
        new JsonObject(get("/health/ready").body()).getJsonObject("policy").getString("loadedAt");
    harness.writePolicy(
        good.replace("ratio: 1.5", "ratio: -3").replace("cooldown: 1s", "coolDown: 1s"));
    Response reload = call("POST", "/api/policies/reload", TOKEN, null);
    assertError(reload, 422, "keeps the policies it had");
    assertThat(new JsonObject(reload.body()).getString("error"))
        .contains("ratio")
        .contains("coolDown");
    JsonObject ready = new JsonObject(get("/health/ready").body());
    assertThat(ready.getJsonObject("policy").getString("loadedAt")).isEqualTo(loadedAt);
    assertThat(get("/health/live").status()).isEqualTo(200);
    harness.writePolicy(good);
    assertThat(call("POST", "/api/policies/reload", TOKEN, null).status()).isEqualTo(200);
  }

  @Test
  @Order(9)
  void aCorruptShardIsQuarantinedAndTheDaemonGoesOn() throws Exception {
    Files.write(
        harness.dataFolder().resolve("broken-labels-idx1-ubyte.gz"),
        new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    Files.write(
        harness.dataFolder().resolve("broken-images-idx3-ubyte.gz"), "not an idx file".getBytes());
    Files.writeString(harness.dataFolder().resolve("bad.csv"), "7,1,2,3\n");
    await(
        Duration.ofSeconds(30),
        "the broken shards to be quarantined",
        () ->
            harness.registry().shards().list(MODEL).stream()
                    .filter(s -> s.status() == ShardStatus.QUARANTINED)
                    .count()
                == 2);
    assertThat(harness.dataFolder().resolve("quarantine").resolve("broken-images-idx3-ubyte.gz"))
        .exists();
    assertThat(harness.dataFolder().resolve("quarantine").resolve("bad.csv")).exists();
    assertThat(harness.dataFolder().resolve("bad.csv")).doesNotExist();
    assertThat(harness.registry().shards().list(MODEL))
        .filteredOn(s -> s.path().endsWith("bad.csv"))
        .singleElement()
        .satisfies(
            s -> assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r).contains(":1:")));
    harness.drip(500);
    await(
        Duration.ofSeconds(30),
        "a good shard after the bad ones",
        () ->
            harness.registry().shards().list(MODEL).stream()
                    .filter(s -> s.status() == ShardStatus.INGESTED)
                    .count()
                == 2);
    assertThat(get("/health/live").status()).isEqualTo(200);
    assertThat(get("/metrics").body())
        .contains("net2net_dataset_shards_total{model=\"test-mlp\",outcome=\"quarantined\"} 2.0");
  }
}
