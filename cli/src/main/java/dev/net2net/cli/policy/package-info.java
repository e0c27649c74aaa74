/**
 * The commands for growth-policy files: {@code net2net policy validate FILE...} reports every error
 * of every file with file:line:column, or OK, and {@code net2net policy simulate FILE --history
 * H.csv} replays a policy on recorded signals to show when each rule would have fired and why. The
 * package-private {@code PolicyFiles} reads the files they are given with one-line reasons when
 * that fails. The work itself (parsing, validating, evaluating, simulating) belongs to {@code
 * dev.net2net.policies}; these commands only read files, call it and print, and need neither a
 * database nor a daemon.
 */
package dev.net2net.cli.policy;
