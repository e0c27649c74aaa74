/**
 * The daemon's configuration: {@link dev.net2net.daemon.config.ConfigLoader} reads the YAML file,
 * applies the {@code NET2NET_*} environment overrides and produces a validated {@link
 * dev.net2net.daemon.config.DaemonConfig} (home, database, artifacts, policy file, HTTP, worker,
 * and per model its seed, data folder and validation set). Every setting has a safe default, and
 * every problem is collected with its file, line and column and reported at once in a {@link
 * dev.net2net.daemon.config.ConfigException}, so the daemon refuses to start rather than run on a
 * guess. It uses {@code dev.net2net.training.seed} for seed architectures and borrows the policy
 * language's duration syntax and "did you mean" suggestions; the daemon's start-up and the command
 * line's {@code daemon} and {@code demo} commands read configurations through it, and {@code
 * models} holds each model's settings from it.
 */
package dev.net2net.daemon.config;
