/**
 * The registry benchmark: {@link dev.net2net.bench.registry.RegistryBenchmark} measures
 * registration throughput through the public registry API (with its fsyncs and commits) and lineage
 * query latency with 100,000 versions in the tables. The bulk of those versions is inserted with
 * batched SQL, because the point is the size of the tables the queries run against, and
 * registrations through the API are timed separately. It uses only {@code dev.net2net.registry} (on
 * a given database or an embedded PostgreSQL in a temporary directory), runs as its own main class
 * rather than through {@code Bench}, and its results are in {@code
 * docs/results/registry-benchmark.md}.
 */
package dev.net2net.bench.registry;
