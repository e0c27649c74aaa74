package dev.net2net.cli.chaos;

import dev.net2net.cli.chaos.ChaosRunner.Result;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The full suite's figures as {@code docs/results/reliability.md}. */
final class ReliabilityReport {
  private ReliabilityReport() {}

  static String markdown(List<Result> results, Instant finished) {
    int kills = results.stream().mapToInt(Result::kills).sum();
    int faults = results.stream().mapToInt(Result::faultsInjected).sum();
    int versions = results.stream().mapToInt(Result::versions).sum();
    int anomalies = results.stream().mapToInt(r -> r.anomalies().size()).sum();
    double seconds = results.stream().mapToDouble(Result::seconds).sum();
    StringBuilder md = new StringBuilder();
    md.append("# Reliability: the fault-injection suite\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d scenarios, %d faults injected (%d kill -9), %d versions registered,"
                + " **%d anomalies**; %.0f s in all. Finished %s on a machine with %d cores shared with other work.%n%n",
            results.size(),
            faults,
            kills,
            versions,
            anomalies,
            seconds,
            finished,
            Runtime.getRuntime().availableProcessors()));
    md.append(
        """
        Each scenario starts real daemon processes (`net2net daemon`, one JVM each) on one database, drips
        three Fashion-MNIST shards (1,000, 1,000 and 1,500 images) into their shared data folder so the
        model is seeded and then widened twice (4 epochs each), injects its fault, restarts what was
        killed, waits until everything has settled and then checks, from the database and the artifact
        store: version numbers contiguous; every version the result of one succeeded job and every
        succeeded job with its version; no two versions or jobs from one decision; every decision agreeing
        with its job; no job or decision left unfinished; every artifact present with its sha256; the
        champion ready; every shard recorded once and every dripped row ingested (also in each live
        replica's own view); no interrupted artifact write or scratch file of a dead process left.

        A *failpoint* kill stops the process at the named point (`-Dnet2net.failpoint=NAME:FILE`, the
        first process to reach it) and kills it there with SIGKILL: `shard-ingestion` (the shard recorded,
        not yet in memory), `seed-training` and `student-training` (after an epoch), `artifact-write`
        (the artifact's bytes written and fsynced, not yet renamed into the store), `transform` (the
        student built, not trained), `registration` (the versions inserted inside the job's fenced
        transaction, the champion not moved) and `alias-move` (the champion moved, the job not yet
        completed, same transaction). Leases are 4 s (heartbeat 1.3 s), so a killed worker's job is
        taken over within about 5 s. *Recovery* is the time from the fault to the next claim of a job.

        | scenario | kills | versions | jobs | attempts | decisions | recovery (s) | anomalies | time (s) |
        |---|---:|---:|---:|---:|---:|---:|---|---:|
        """);
    for (Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %s | %s | %.0f |%n",
              r.scenario().name(),
              r.kills(),
              r.versions(),
              r.jobs(),
              r.attempts(),
              r.decisions(),
              r.recoverySeconds().map(s -> String.format(Locale.ROOT, "%.1f", s)).orElse("-"),
              r.anomalies().isEmpty() ? "0" : String.join("; ", r.anomalies()).replace("|", "/"),
              r.seconds()));
    }
    md.append(
        """

        Reproduce (needs PostgreSQL on 127.0.0.1:5432 with trust auth for the kill scenarios, and the
        PostgreSQL server binaries `initdb` and `pg_ctl` for the database scenarios, which run a server of
        their own on a free port so the shared one is never restarted):

        ```sh
        scripts/chaos            # the full suite, writes this file (about 15-20 minutes on 2 busy cores)
        mvn -B -pl cli -am test -Dtest=ChaosTest -Dsurefire.failIfNoSpecifiedTests=false   # the build's one scenario
        ```

        Not covered: the artifact store's disk filling up mid-write (it needs a small tmpfs mounted, which
        the suite cannot do without privileges it should not ask for), and more than one model per
        daemon.
        """);
    return md.toString();
  }
}
