package dev.net2net.policies.model;

import java.util.regex.Pattern;

/** The shape of the names a policy gives: policies, models, rules, layers. */
public final class Names {

  /**
   * Policy, model and rule names: they appear in metric labels, log lines and URLs, so they are
   * plain identifiers.
   */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private Names() {}

  static String requireIdentifier(String what, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be letters, digits, '.', '_' or '-' (starting with a letter or digit, at most 100), got '"
              + value
              + "'");
    }
    return value;
  }
}
