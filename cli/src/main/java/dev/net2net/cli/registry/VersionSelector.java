package dev.net2net.cli.registry;

import dev.net2net.cli.UsageError;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import java.util.Optional;

/**
 * {@code MODEL}, {@code MODEL:NUMBER} or {@code MODEL:ALIAS} (e.g. {@code fashion:champion}) as
 * typed.
 */
record VersionSelector(ModelName model, Optional<String> version) {

  static VersionSelector parse(String text, boolean versionRequired) {
    int colon = text.lastIndexOf(':');
    String modelPart = colon < 0 ? text : text.substring(0, colon);
    Optional<String> versionPart =
        colon < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1));
    if (versionRequired && versionPart.filter(v -> !v.isEmpty()).isEmpty()) {
      throw new UsageError(
          "expected MODEL:VERSION (e.g. fashion:3 or fashion:champion) but got '" + text + "'");
    }
    try {
      VersionSelector selector = new VersionSelector(new ModelName(modelPart), versionPart);
      selector.version.ifPresent(
          v -> {
            if (!isNumber(v)) {
              new AliasName(v);
            }
          });
      return selector;
    } catch (IllegalArgumentException e) {
      throw new UsageError("in '" + text + "': " + e.getMessage());
    }
  }

  /** The version this names; an alias is looked up, and an unset alias is reported. */
  VersionRef resolve(Registry registry) {
    String v = version.orElseThrow();
    if (isNumber(v)) {
      try {
        return new VersionRef(model, Integer.parseInt(v));
      } catch (IllegalArgumentException e) { // too large for an int, or 0
        throw new UsageError(
            "invalid version number '"
                + v
                + "' for model "
                + model
                + ": versions are numbered from 1");
      }
    }
    AliasName alias = new AliasName(v);
    registry.models().get(model);
    int number =
        registry
            .aliases()
            .resolve(model, alias)
            .orElseThrow(
                () -> new NotFoundException("model '" + model + "' has no alias '" + alias + "'"));
    return new VersionRef(model, number);
  }

  private static boolean isNumber(String v) {
    return !v.isEmpty() && v.chars().allMatch(Character::isDigit);
  }
}
