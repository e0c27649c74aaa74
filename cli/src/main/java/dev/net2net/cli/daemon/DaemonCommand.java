package dev.net2net.cli.daemon;

import dev.net2net.cli.UsageError;
import dev.net2net.daemon.Net2NetDaemon;
import dev.net2net.daemon.config.ConfigLoader;
import dev.net2net.daemon.config.DaemonConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the net2net service: watch each model's data folder, measure its champion, apply the growth policies,"
          + " grow and train in the background, record everything in the registry, serve the HTTP API and /metrics.",
      "Stops cleanly on SIGTERM or Ctrl-C: no new job is claimed, a running one is handed back to be reclaimed."
    },
    footer = {
      "",
      "Environment overrides: NET2NET_HOME, NET2NET_HTTP_HOST, NET2NET_HTTP_PORT, NET2NET_API_TOKEN,"
          + " NET2NET_DB_URL, NET2NET_POLICIES.",
      "Exit codes: 0 stopped, 2 the configuration or the policy file is invalid, or the database cannot be reached."
    })
public final class DaemonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The daemon's YAML configuration.")
  Path config;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Listen on this port instead of the configured one.")
  Integer httpPort;

  @Override
  public Integer call() throws InterruptedException {
    dev.net2net.cli.Logging.service();
    DaemonConfig settings = ConfigLoader.load(config, System.getenv());
    if (httpPort != null) {
      if (httpPort < 0 || httpPort > 65535) {
        throw new UsageError("--http-port must be 0..65535, got " + httpPort);
      }
      settings = settings.withHttpPort(httpPort);
    }
    Net2NetDaemon daemon = Net2NetDaemon.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.stop();
                  stopped.countDown();
                },
                "net2net-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "net2net daemon: API http://%s:%d  metrics http://%s:%d/metrics%n",
            settings.http().host(), daemon.httpPort(), settings.http().host(), daemon.httpPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
