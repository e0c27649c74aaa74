package dev.net2net.daemon.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks a request's target (path and query, as sent) before routing: every {@code %} must start an
 * escape of two hex digits and the escaped bytes must be UTF-8. A target that fails is a client's
 * mistake, answered with a JSON 400 by the API, rather than an exception deep in the router (a
 * stack trace in the log and a plain-text answer for every such request).
 */
final class RequestTarget {
  private RequestTarget() {}

  /** What is wrong with {@code target}, if anything. */
  static Optional<String> problem(String target) {
    if (target == null || target.isEmpty()) {
      return Optional.of("the request has no target");
    }
    ByteBuffer bytes = ByteBuffer.allocate(target.length());
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '%') {
        if (i + 2 >= target.length()) {
          return Optional.of(
              "the request target has an incomplete %-escape at character " + (i + 1));
        }
        int high = Character.digit(target.charAt(i + 1), 16);
        int low = Character.digit(target.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return Optional.of(
              "the request target has a bad %-escape '"
                  + target.substring(i, i + 3)
                  + "' at character "
                  + (i + 1)
                  + " (expected % and two hex digits)");
        }
        bytes.put((byte) (high * 16 + low));
        i += 2;
      } else if (c < 0x20 || c == 0x7f) {
        return Optional.of("the request target has a control character at character " + (i + 1));
      } else if (c > 0x7e) {
        return Optional.of(
            "the request target has a raw non-ASCII byte at character "
                + (i + 1)
                + " (escape it as %XX)");
      } else {
        bytes.put((byte) c);
      }
    }
    bytes.flip();
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
    } catch (CharacterCodingException e) {
      return Optional.of("the request target's %-escapes are not UTF-8");
    }
    return Optional.empty();
  }
}
