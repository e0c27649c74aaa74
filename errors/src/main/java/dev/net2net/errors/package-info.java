/**
 * The vocabulary of failure shared by every module: {@link dev.net2net.errors.ErrorKind} (with the
 * table from kind to exit code and HTTP status), {@link dev.net2net.errors.UserFacingError}, which
 * every exception type of the project implements, and {@link dev.net2net.errors.ErrorKinds}, the
 * one place that classifies any throwable. It depends on nothing, so every module can use it.
 */
package dev.net2net.errors;
