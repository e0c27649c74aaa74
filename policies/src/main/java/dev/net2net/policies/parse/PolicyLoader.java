package dev.net2net.policies.parse;

import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.validate.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads policy files. A file is all or nothing: if any document in it has an error, none of its
 * policies is returned, so a daemon reloading it keeps its last good policies instead of running
 * half a file.
 *
 * <p>One file may hold several policies as YAML documents separated by {@code ---}, as Kubernetes
 * manifests do. Each model may be named by only one policy per file.
 */
public final class PolicyLoader {

  private PolicyLoader() {}

  /**
   * Reads and validates a file. The file name in diagnostics is the path as given.
   *
   * @throws IOException if the file cannot be read at all (missing, a directory, no permission); a
   *     file that can be read but is not a valid policy is reported in the result instead
   */
  public static LoadResult load(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException(path + " is a directory, not a policy file");
    }
    return parse(path.toString(), Files.readAllBytes(path));
  }

  /** Validates a file's content; {@code sourceName} is what diagnostics call the file. */
  public static LoadResult parse(String sourceName, byte[] content) {
    Diagnostics diagnostics = new Diagnostics();
    SourceText.Result text = SourceText.decode(sourceName, content);
    if (text.failure().isPresent()) {
      diagnostics.add(text.failure().get());
      return LoadResult.of(sourceName, List.of(), diagnostics);
    }
    YamlDocuments.Result yaml = YamlDocuments.compose(sourceName, text.text().orElseThrow());
    yaml.syntaxError().ifPresent(diagnostics::add);
    if (yaml.documents().isEmpty() && yaml.syntaxError().isEmpty()) {
      diagnostics.error(
          SourceLocation.startOf(sourceName),
          "the file holds no policy (it is empty or only"
              + " comments); expected a document starting with apiVersion: "
              + GrowthPolicy.API_VERSION
              + " and kind: "
              + GrowthPolicy.KIND);
    }
    NodeReader reader = new NodeReader(sourceName, diagnostics);
    PolicyBinder binder = new PolicyBinder(reader);
    List<GrowthPolicy> policies = new ArrayList<>();
    for (Node document : yaml.documents()) {
      binder.bind(document).ifPresent(policies::add);
    }
    checkUniqueAcrossDocuments(policies, diagnostics);
    return LoadResult.of(sourceName, policies, diagnostics);
  }

  private static void checkUniqueAcrossDocuments(
      List<GrowthPolicy> policies, Diagnostics diagnostics) {
    Map<String, GrowthPolicy> byName = new HashMap<>();
    Map<String, GrowthPolicy> byModel = new HashMap<>();
    for (GrowthPolicy policy : policies) {
      Optional.ofNullable(byName.putIfAbsent(policy.name(), policy))
          .ifPresent(
              earlier ->
                  diagnostics.error(
                      policy.location(),
                      "metadata.name: policy name '"
                          + policy.name()
                          + "' is already used by the policy at line "
                          + earlier.location().line()
                          + "; each policy needs its own name"));
      Optional.ofNullable(byModel.putIfAbsent(policy.model(), policy))
          .ifPresent(
              earlier ->
                  diagnostics.error(
                      policy.location(),
                      "spec.model: model '"
                          + policy.model()
                          + "' already has a policy at line "
                          + earlier.location().line()
                          + " ('"
                          + earlier.name()
                          + "'); put all of a model's rules in one policy,"
                          + " where their order decides which fires first"));
    }
  }
}
