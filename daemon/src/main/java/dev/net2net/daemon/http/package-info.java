/**
 * The HTTP API: {@link dev.net2net.daemon.http.ApiVerticle} serves health checks, the Prometheus
 * scrape endpoint, the OpenAPI description, and JSON views of models, versions, lineage, policy
 * decisions and jobs, plus the mutating calls (request a growth, move an alias, reload the
 * policies) behind the configured bearer token. Registry reads run on worker threads, never on the
 * event loop, and bad input is refused with an {@link dev.net2net.daemon.http.ApiException} whose
 * {@code dev.net2net.errors} kind decides the 4xx status. It reads the registry's models, aliases,
 * decisions and jobs, renders them through the package-private {@code ApiJson}, and uses {@code
 * policy} to reload policies and pass on manual growth requests; the daemon's start-up deploys it.
 *
 * <p>Beside it, each in a class of its own that the verticle mounts, the read-only routes of the
 * lineage page: {@code PageRoutes} (the page's HTML, CSS and script from the jar), {@code
 * LineageRoutes} (the whole lineage of a model, its champions, model cards; built from one {@code
 * ModelHistory} read and rendered by {@code LineageJson} and {@code ModelCard}), {@code
 * ArtifactRoutes} (model zips verified and streamed, with their SHA-256 as ETag) and {@code
 * EventStream} (the registry's event log as server-sent events, one shared poller). {@code
 * PathParams} and {@code HttpReplies} give them the API's parsing and error replies.
 */
package dev.net2net.daemon.http;
