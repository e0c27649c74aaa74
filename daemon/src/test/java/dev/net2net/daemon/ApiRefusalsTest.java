package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.TOKEN;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bad requests and bad files as an operator or a fuzzer sends them: each refused precisely, nothing
 * changed.
 */
class ApiRefusalsTest {
  private static final ModelName OTHER = new ModelName("api-refusals");
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void listen() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    root.detachAppender(log);
  }

  @Test
  void versionNumbersInTheBodyMustBeExactIntegers() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("api_ints", DaemonHarness.widenOnGrowth(0.0, 1))) {
      Net2NetDaemon daemon = harness.start("w");
      Registry registry = harness.registry();
      DaemonHarness.registerReadyVersions(registry, OTHER, 3, 3);
      String path = "/api/models/" + OTHER.value() + "/aliases/champion";
      for (String body :
          List.of(
              // 4294967299 truncated to int is 3, the champion
              "{\"version\":2,\"expected\":4294967299}",
              "{\"version\":2,\"expected\":3.9}", // truncated it is 3 too
              "{\"version\":2,\"expected\":3.0}",
              "{\"version\":4294967298,\"expected\":3}", // 4294967298 truncated to int is 2
              "{\"version\":2.5,\"expected\":3}",
              "{\"version\":2e0,\"expected\":3}",
              "{\"version\":\"2\",\"expected\":3}",
              "{\"version\":-4294967294,\"expected\":3}",
              "{\"version\":2,\"expected\":3,\"reason\":7}")) {
        DaemonHarness.Response r = harness.send(daemon, "PUT", path, Optional.of(TOKEN), body);
        assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
        assertThat(registry.aliases().resolve(OTHER, AliasName.CHAMPION)).as(body).contains(3);
      }
      DaemonHarness.Response r =
          harness.send(daemon, "PUT", path, Optional.of(TOKEN), "{\"version\":2,\"expected\":3}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(registry.aliases().resolve(OTHER, AliasName.CHAMPION)).contains(2);
    }
  }

  @Test
  void malformedTargetsGetAJson400AndNoLogLineAboveDebug() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("api_urls", DaemonHarness.widenOnGrowth(0.0, 1))) {
      Net2NetDaemon daemon = harness.start("w");
      log.list.clear();
      for (String target :
          List.of(
              "/api/models/%ZZ",
              "/api/jobs?limit=%ZZ",
              "/api/models/%E0%A4",
              "/%",
              "/api/models/test-mlp/aliases/%zz",
              "/api/models/a%2")) {
        String response =
            raw(
                daemon.httpPort(),
                "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(response).as(target).startsWith("HTTP/1.1 400");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(new JsonObject(body).getString("error")).as(target).contains("request target");
      }
      assertThat(log.list)
          .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
          .filteredOn(
              e -> e.getLoggerName().startsWith("io.vertx") || e.getLoggerName().contains("http"))
          .isEmpty();
    }
  }

  @Test
  void filesInTheDataFolderThatAreNoShardAreReportedOnceAndListed() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("api_strangers", DaemonHarness.widenOnGrowth(0.0, 1))) {
      Files.write(harness.dataFolder().resolve("garbage.bin"), new byte[] {1, 2, 3});
      Files.write(harness.dataFolder().resolve("empty.gz"), new byte[0]);
      harness.registry().models().create(new ModelName(DaemonHarness.MODEL), "");
      Net2NetDaemon daemon = harness.start("w");
      await(
          Duration.ofSeconds(30),
          "the strangers to be listed",
          () -> {
            try {
              JsonObject model =
                  new JsonObject(harness.get(daemon, "/api/models/" + DaemonHarness.MODEL).body());
              return model.getJsonArray("unrecognizedFiles").size() == 2;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      JsonObject model =
          new JsonObject(harness.get(daemon, "/api/models/" + DaemonHarness.MODEL).body());
      assertThat(model.getJsonArray("unrecognizedFiles").getList())
          .containsExactly("empty.gz", "garbage.bin");
      Thread.sleep(1000); // five more scans
      assertThat(log.list)
          .filteredOn(e -> e.getFormattedMessage().contains("garbage.bin"))
          .hasSize(1);
      assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("empty.gz")).hasSize(1);
    }
  }

  private static String raw(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
