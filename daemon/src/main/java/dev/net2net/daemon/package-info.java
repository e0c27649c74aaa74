/**
 * The running service as a whole: {@link dev.net2net.daemon.Net2NetDaemon} opens the registry,
 * loads the configuration, the policies and each model's data, deploys the Vert.x verticles (a
 * dataset watcher per model, the champion evaluator, the policy engine, the growth worker, the HTTP
 * API) and stops them in order, handing a running job back and releasing the leader lock. {@link
 * dev.net2net.daemon.DaemonServices} is the one record of what the verticles share, built once at
 * start, and {@link dev.net2net.daemon.DaemonStartException} refuses a bad start-up before anything
 * runs. This is the only package that wires the service together: it depends on every daemon
 * subpackage and on the registry, and the command line's {@code daemon} and {@code demo} commands
 * start it.
 */
package dev.net2net.daemon;
