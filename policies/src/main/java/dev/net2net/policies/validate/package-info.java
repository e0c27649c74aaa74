/**
 * The vocabulary of findings shared by everything that reads user input in this module: a {@link
 * dev.net2net.policies.validate.Diagnostic} (an error or a warning at a {@code file:line:column},
 * formatted the way compilers and editors expect), the {@link
 * dev.net2net.policies.validate.Diagnostics} that collect them so one pass reports every problem,
 * and the "did you mean" {@link dev.net2net.policies.validate.Suggestions} for misspellings. {@code
 * parse} and {@code simulate} report through it; it depends only on {@code model}'s source
 * locations.
 */
package dev.net2net.policies.validate;
