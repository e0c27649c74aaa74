/**
 * The commands that run the service: {@code net2net daemon --config FILE} loads a configuration
 * with {@code dev.net2net.daemon.config} and runs {@code dev.net2net.daemon.Net2NetDaemon} until it
 * is stopped, and {@code net2net demo} runs the same daemon on embedded defaults (an embedded
 * PostgreSQL, a local artifact folder, a shipped policy) while {@code DataDrip} drips Fashion-MNIST
 * shards into its watched folder, so the model is seen to grow. {@code DemoConsole} prints the
 * daemon's events as the demo's running story. This package only wires: the service itself lives in
 * the {@code daemon} module, and the root command is its only user here.
 */
package dev.net2net.cli.daemon;
