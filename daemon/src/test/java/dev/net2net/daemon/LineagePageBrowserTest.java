package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.TOKEN;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.browser.HeadlessChromium;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lineage page in a real browser (Debian's Chromium, headless, over the DevTools protocol)
 * against a daemon growing a model on a small drip: every version is drawn with its parent edge and
 * transform, a version grown while the page is open appears without a reload, a node's details name
 * its artifact, whose download in the page has the recorded checksum, and the page logs no error.
 * Skipped, saying so, only where Chromium is not installed ({@code apt-get install chromium}).
 */
class LineagePageBrowserTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final Set<VersionStatus> SETTLED =
      Set.of(VersionStatus.READY, VersionStatus.REJECTED, VersionStatus.FAILED);
  private static Path chromiumBinary;
  private static DaemonHarness harness;
  private static Net2NetDaemon daemon;

  @BeforeAll
  static void startADaemonThatHasGrownOnce() throws Exception {
    Optional<Path> found = HeadlessChromium.find();
    Assumptions.assumeTrue(
        found.isPresent(),
        "Chromium is not installed (looked for $CHROMIUM, /usr/bin/chromium): apt-get install chromium to run this test");
    chromiumBinary = found.get();
    harness = DaemonHarness.create("lineage_page", DaemonHarness.widenOnGrowth(0.0, 1));
    harness.drip(1000);
    daemon = harness.start("page-worker");
    harness.awaitSeed();
    var grow =
        harness.send(
            daemon,
            "POST",
            "/api/models/" + MODEL + "/grow",
            Optional.of(TOKEN),
            "{\"rule\": \"manual-deepen\"}");
    assertThat(grow.status()).as(grow.body()).isEqualTo(202);
    await(Duration.ofMinutes(3), "version 2 settled", () -> settledVersions() >= 2);
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private static long settledVersions() {
    return harness.registry().versions().list(NAME).stream()
        .filter(v -> SETTLED.contains(v.state().status()))
        .count();
  }

  private static String expectedLabel(ModelVersion v) {
    var t = v.transform().orElseThrow();
    return t.kind().equals("deepen") ? "deepen after " + t.layer().orElseThrow() : t.summary();
  }

  @Test
  void thePageDrawsTheLineageAndGrowsItLiveWithoutAReload() throws Exception {
    Path target = Path.of("target");
    Files.createDirectories(target);
    try (HeadlessChromium chromium =
        HeadlessChromium.start(chromiumBinary, target.resolve("chromium.log"), 1400, 1700)) {
      chromium.navigate("http://127.0.0.1:" + daemon.httpPort() + "/");
      List<ModelVersion> before = harness.registry().versions().list(NAME);
      chromium.awaitTrue(
          Duration.ofSeconds(30),
          before.size() + " nodes",
          "document.querySelectorAll('#tree .node').length === " + before.size());
      chromium.awaitTrue(
          Duration.ofSeconds(10),
          "the event stream open",
          "document.getElementById('live').textContent === 'live'");
      assertDrawn(chromium, before);
      assertThat(chromium.evaluate("document.querySelector('#models tbody tr').dataset.model"))
          .isEqualTo(MODEL);

      // Grow while the page is open: the drip doubles the data and the widen rule fires.
      chromium.evaluate("window.loadedOnce = 'this page was not reloaded'");
      harness.drip(1000);
      await(Duration.ofMinutes(3), "a third version settled", () -> settledVersions() >= 3);
      List<ModelVersion> after = harness.registry().versions().list(NAME);
      chromium.awaitTrue(
          Duration.ofSeconds(30),
          "the new version drawn",
          "document.querySelectorAll('#tree .node').length === " + after.size());
      assertDrawn(chromium, after);
      assertThat(chromium.evaluate("window.loadedOnce")).isEqualTo("this page was not reloaded");
      assertThat(chromium.evaluate("document.querySelectorAll('#events li[data-event-id]').length"))
          .isNotEqualTo(0);

      // A node's details: its checksum and a download whose bytes have that checksum.
      ModelVersion newest = after.get(after.size() - 1);
      chromium.evaluate(
          "document.querySelector('#tree .node[data-version=\""
              + newest.number()
              + "\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
      chromium.awaitTrue(
          Duration.ofSeconds(5),
          "the details of v" + newest.number(),
          "document.getElementById('details').dataset.version === '" + newest.number() + "'");
      assertThat((String) chromium.evaluate("document.querySelector('#details .sha').textContent"))
          .isEqualTo(newest.artifact().sha256().hex());
      assertThat((String) chromium.evaluate("document.getElementById('details').textContent"))
          .contains(newest.state().status().label())
          .contains(expectedLabel(newest));
      String digest =
          (String)
              chromium.evaluate(
                  "fetch(document.querySelector('#details a.download').href)"
                      + ".then(r => r.arrayBuffer()).then(b => crypto.subtle.digest('SHA-256', b))"
                      + ".then(d => Array.from(new Uint8Array(d)).map(x => x.toString(16).padStart(2, '0')).join(''))");
      assertThat(digest).isEqualTo(newest.artifact().sha256().hex());

      chromium.awaitTrue(
          Duration.ofSeconds(20),
          "the page caught up with the finished growth (no job shown running)",
          "document.querySelectorAll('#jobs tbody tr').length >= 3 && !document.querySelector('#jobs .status-running, #jobs .status-queued')");
      chromium.awaitTrue(
          Duration.ofSeconds(5),
          "the champion chart drawn",
          "document.querySelectorAll('#accuracy-chart circle').length >= 1");
      Files.write(target.resolve("lineage-page.png"), chromium.screenshot());
      assertThat(chromium.problems()).as("console errors, exceptions and failed loads").isEmpty();
    }
  }

  private static void assertDrawn(HeadlessChromium chromium, List<ModelVersion> versions)
      throws Exception {
    int champion = harness.registry().aliases().resolve(NAME, AliasName.CHAMPION).orElseThrow();
    for (ModelVersion v : versions) {
      String node = "#tree .node[data-version=\"" + v.number() + "\"]";
      assertThat(chromium.evaluate("document.querySelector('" + node + "').dataset.status"))
          .as("status of v" + v.number())
          .isEqualTo(v.state().status().label());
      assertThat(
              chromium.evaluate(
                  "document.querySelector('" + node + "').classList.contains('champion')"))
          .as("v" + v.number() + " drawn as the champion")
          .isEqualTo(v.number() == champion);
      if (v.parent().isPresent()) {
        // The label is drawn on two lines (tspans): what was done, then where.
        String edge =
            "#tree .edge[data-from=\""
                + v.parent().get()
                + "\"][data-to=\""
                + v.number()
                + "\"] text tspan";
        assertThat(
                chromium.evaluate(
                    "Array.from(document.querySelectorAll('"
                        + edge
                        + "')).map(t => t.textContent).join(' ')"))
            .as("the edge into v" + v.number())
            .isEqualTo(expectedLabel(v));
      }
    }
  }
}
