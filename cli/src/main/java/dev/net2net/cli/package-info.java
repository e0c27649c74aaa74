/**
 * The command line's root: {@link dev.net2net.cli.Net2NetCommand}, the entry point of the runnable
 * jar {@code net2net.jar}, which gathers the subcommands from the packages below ({@code
 * transform}, {@code daemon}, {@code registry}, {@code policy}), and what every command shares.
 * Errors are reported in one way: {@code ErrorReporter} turns any exception into one line on stderr
 * and an {@link dev.net2net.cli.ExitCode} by its {@code dev.net2net.errors} kind, the same table
 * the HTTP API uses, and commands signal bad input with a {@link dev.net2net.cli.UsageError}.
 * {@link dev.net2net.cli.Logging} keeps library logging off stdout, which belongs to the commands'
 * results. Apart from the subcommand classes it lists, this package uses only {@code
 * dev.net2net.errors}; each subpackage uses it and the module whose work its commands offer.
 */
package dev.net2net.cli;
