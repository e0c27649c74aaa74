package dev.net2net.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.policies.validate.Diagnostic;
import dev.net2net.policies.validate.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The optional-field helper every binder uses: an absent key takes its default without a word, a
 * present one is bound at its own path, a wrong one is reported where it is and comes back empty,
 * and a missing required key is reported where its mapping starts.
 */
class FieldsTest {

  private static final List<String> KEYS = List.of("cooldown", "limit", "name");

  private final Diagnostics diagnostics = new Diagnostics();
  private final NodeReader read = new NodeReader("f.yaml", diagnostics);

  /** Every path a binder was called with, so a test can tell a default from a bound value. */
  private final List<String> boundPaths = new ArrayList<>();

  private Node document(String yaml) {
    YamlDocuments.Result composed = YamlDocuments.compose("f.yaml", yaml);
    assertThat(composed.syntaxError()).isEmpty();
    return composed.documents().get(0);
  }

  private Fields fields(String yaml) {
    return read.fields(document(yaml), "spec.guards", KEYS).orElseThrow();
  }

  /** A limit from 1 to 10, recording that it was called. */
  private Optional<Long> limit(Node node, String path) {
    boundPaths.add(path);
    return read.integer(node, path, 1, 10);
  }

  private List<String> formatted() {
    return diagnostics.sorted().stream().map(Diagnostic::format).toList();
  }

  @Test
  void anAbsentOptionalKeyTakesItsDefaultWithoutBindingOrReporting() {
    Fields guards = fields("name: n\n");

    assertThat(guards.optional("limit", this::limit, 7L)).contains(7L);
    assertThat(boundPaths).isEmpty();
    assertThat(formatted()).isEmpty();
  }

  @Test
  void aPresentOptionalKeyIsBoundAtItsOwnPathInsteadOfTakingTheDefault() {
    Fields guards = fields("name: n\nlimit: 3\n");

    assertThat(guards.optional("limit", this::limit, 7L)).contains(3L);
    assertThat(boundPaths).containsExactly("spec.guards.limit");
    assertThat(formatted()).isEmpty();
  }

  @Test
  void aWrongOptionalValueIsReportedWhereItIsAndComesBackEmptyRatherThanDefaulted() {
    Fields guards = fields("name: n\nlimit: 30\n");

    assertThat(guards.optional("limit", this::limit, 7L)).isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:2:8: error: spec.guards.limit: expected an integer from 1 to 10, found 30");
  }

  @Test
  void aMisspeltOptionalKeyIsReportedOnceAndTheDefaultStands() {
    Fields guards = fields("limt: 3\n");

    assertThat(guards.optional("limit", this::limit, 7L)).contains(7L);
    assertThat(boundPaths).isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:1:1: error: spec.guards: unknown key 'limt'; expected one of"
                + " 'cooldown', 'limit' or 'name'; did you mean 'limit'?");
  }

  @Test
  void aKeyTheMappingDoesNotAllowIsAProgrammingErrorNotAUserOne() {
    Fields guards = fields("name: n\n");

    assertThatThrownBy(() -> guards.optional("seed", this::limit, 7L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'seed' is not an allowed key of spec.guards");
    assertThat(formatted()).isEmpty();
  }

  @Test
  void aPresentRequiredKeyIsBoundAtItsOwnPath() {
    Fields guards = fields("name: n\nlimit: 10\n");

    assertThat(guards.required("limit", "limit: 2", this::limit)).contains(10L);
    assertThat(boundPaths).containsExactly("spec.guards.limit");
    assertThat(formatted()).isEmpty();
  }

  @Test
  void aMissingRequiredKeyIsReportedWhereItsMappingStartsWithTheExample() {
    Fields guards = fields("\nname: n\n");

    assertThat(guards.required("limit", "limit: 2", this::limit)).isEmpty();
    assertThat(boundPaths).isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:2:1: error: spec.guards: missing required key 'limit' (for example limit: 2)");
  }

  @Test
  void aMissingRequiredKeyThatAMisspeltKeyExplainsIsNotReportedTwice() {
    Fields guards = fields("limt: 3\n");

    assertThat(guards.required("limit", "limit: 2", this::limit)).isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:1:1: error: spec.guards: unknown key 'limt'; expected one of"
                + " 'cooldown', 'limit' or 'name'; did you mean 'limit'?");
  }

  @Test
  void aWrongRequiredValueIsReportedWhereItIs() {
    Fields guards = fields("limit: ten\n");

    assertThat(guards.required("limit", "limit: 2", this::limit)).isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:1:8: error: spec.guards.limit: expected an integer from 1 to 10, found the string 'ten'");
  }

  @Test
  void aMappingBinderChecksTheKeysAndHandsTheEntriesToItsBody() {
    NodeBinder<String> names =
        read.mappingOf(KEYS, fields -> fields.required("name", "", read::identifier));

    assertThat(names.bind(document("name: fc1\n"), "spec.layer")).contains("fc1");
    assertThat(formatted()).isEmpty();
  }

  @Test
  void aMappingBinderRefusesAValueThatIsNotAMappingWithoutCallingItsBody() {
    NodeBinder<String> names =
        read.mappingOf(
            KEYS,
            fields -> {
              throw new AssertionError("the body must not see a list");
            });

    assertThat(names.bind(document("[a, b]\n"), "spec.layer")).isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:1:1: error: spec.layer: expected a mapping (key: value lines), found a list");
  }

  @Test
  void aMappingBinderStillBindsTheKnownKeysOfAMappingWithAnUnknownOne() {
    NodeBinder<String> names =
        read.mappingOf(KEYS, fields -> fields.required("name", "", read::identifier));

    assertThat(names.bind(document("name: fc1\ncolour: red\n"), "spec.layer")).contains("fc1");
    assertThat(formatted())
        .containsExactly(
            "f.yaml:2:1: error: spec.layer: unknown key 'colour'; expected one of"
                + " 'cooldown', 'limit' or 'name'");
  }

  @Test
  void aMappedBinderConvertsWhatItBindsAndLeavesAFailureEmpty() {
    Fields guards = fields("limit: 4\ncooldown: 40\n");
    NodeBinder<Long> limit = this::limit;

    assertThat(guards.optional("limit", limit.map(l -> "x".repeat(Math.toIntExact(l))), ""))
        .contains("xxxx");
    assertThat(guards.optional("cooldown", limit.map(l -> "x".repeat(Math.toIntExact(l))), ""))
        .isEmpty();
    assertThat(formatted())
        .containsExactly(
            "f.yaml:2:11: error: spec.guards.cooldown: expected an integer from 1 to 10, found 40");
  }

  /**
   * Whatever the value and the default, the helper returns the value when present and the default
   * when not.
   */
  @Property(tries = 200)
  void presentMeansTheValueAndAbsentMeansTheDefault(
      @ForAll @IntRange(min = 1, max = 10) int value,
      @ForAll @IntRange(min = -1000, max = 1000) int absent,
      @ForAll boolean present) {
    Fields guards = fields(present ? "limit: " + value + "\n" : "name: n\n");

    assertThat(guards.optional("limit", this::limit, (long) absent))
        .contains(present ? (long) value : absent);
    assertThat(formatted()).isEmpty();
  }
}
