package dev.net2net.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JSON Schema shipped for editors agrees with the validator: same keys everywhere, the shipped
 * examples pass it, and malformed files the validator refuses for their shape fail it too.
 */
class JsonSchemaTest {

  static final String RESOURCE = "/dev/net2net/policies/policy.schema.json";
  static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  static Map<String, Object> schemaTree() throws IOException {
    return (Map<String, Object>)
        new Load(LoadSettings.builder().build()).loadFromString(schemaText());
  }

  static String schemaText() throws IOException {
    try (InputStream in = JsonSchemaTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as("the schema is packaged in the jar at " + RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText());
  }

  /** Each YAML document of a file as the JSON a schema validator sees. */
  static List<JsonNode> documents(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
      if (document != null) {
        documents.add(JSON.valueToTree(document));
      }
    }
    return documents;
  }

  @Test
  void theCopyForEditorsIsTheSchemaInTheJar() throws IOException {
    assertThat(Files.readString(Path.of("policy.schema.json"))).isEqualTo(schemaText());
  }

  @Test
  void everyMappingAllowsExactlyTheKeysTheValidatorAllows() throws IOException {
    Map<String, Object> schema = schemaTree();
    assertThat(keys(schema)).containsExactlyElementsOf(Vocabulary.DOCUMENT_KEYS);
    Map<String, List<String>> expected =
        Map.ofEntries(
            Map.entry("metadata", Vocabulary.METADATA_KEYS),
            Map.entry("spec", Vocabulary.SPEC_KEYS),
            Map.entry("rule", Vocabulary.RULE_KEYS),
            Map.entry("condition", Vocabulary.CONDITION_KEYS),
            Map.entry("datasetGrowth", Vocabulary.DATASET_GROWTH_KEYS),
            Map.entry("plateau", Vocabulary.PLATEAU_KEYS),
            Map.entry("underfitting", Vocabulary.UNDERFITTING_KEYS),
            Map.entry("schedule", Vocabulary.SCHEDULE_KEYS),
            Map.entry("action", Vocabulary.ACTION_KEYS),
            Map.entry("tryBoth", Vocabulary.TRY_BOTH_KEYS),
            Map.entry("candidate", Vocabulary.CANDIDATE_KEYS),
            Map.entry("widen", Vocabulary.WIDEN_KEYS),
            Map.entry("deepen", Vocabulary.DEEPEN_KEYS),
            Map.entry("widenTowers", Vocabulary.WIDEN_TOWERS_KEYS),
            Map.entry("deepenTowers", Vocabulary.DEEPEN_TOWERS_KEYS),
            Map.entry("training", Vocabulary.TRAINING_KEYS),
            Map.entry("earlyStopping", Vocabulary.EARLY_STOPPING_KEYS),
            Map.entry("continuation", Vocabulary.CONTINUATION_KEYS),
            Map.entry("promotion", Vocabulary.PROMOTION_KEYS),
            Map.entry("guards", Vocabulary.GUARD_KEYS));
    Map<String, Object> definitions = map(schema.get("$defs"));
    expected.forEach(
        (definition, keys) ->
            assertThat(keys(map(definitions.get(definition))))
                .as(definition)
                .containsExactlyElementsOf(keys));
  }

  @Test
  void aTournamentAllowsExactlyItsKeysAndTakesAListAlone() throws IOException {
    Map<String, Object> tournament = map(map(schemaTree().get("$defs")).get("tournament"));
    List<?> forms = (List<?>) tournament.get("oneOf");

    assertThat(map(forms.get(0))).containsEntry("$ref", "#/$defs/candidates");
    assertThat(keys(map(forms.get(1)))).containsExactlyElementsOf(Vocabulary.TOURNAMENT_KEYS);
  }

  /** The property names of an object schema, or of the one-key objects a oneOf chooses among. */
  private static List<String> keys(Map<String, Object> objectSchema) {
    Set<String> keys = new LinkedHashSet<>();
    if (objectSchema.containsKey("properties")) {
      keys.addAll(map(objectSchema.get("properties")).keySet());
    }
    if (objectSchema.containsKey("oneOf") && !objectSchema.containsKey("properties")) {
      for (Object alternative : (List<?>) objectSchema.get("oneOf")) {
        keys.addAll(map(map(alternative).get("properties")).keySet());
      }
    }
    return new ArrayList<>(keys);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  static Stream<Path> examples() throws IOException {
    return ShippedExamplesTest.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyShippedExampleSatisfiesTheSchema(Path example) throws IOException {
    JsonSchema schema = schema();
    for (JsonNode document : documents(Files.readString(example))) {
      Set<ValidationMessage> problems = schema.validate(document);
      assertThat(problems).as(example.toString()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unknown-apiversion.yaml",
        "wrong-kind-list.yaml",
        "misspelt-guard-key.yaml",
        "missing-model.yaml",
        "empty-rules.yaml",
        "negative-duration.yaml",
        "bare-number-duration.yaml",
        "zero-schedule.yaml",
        "ratio-below-one.yaml",
        "ratio-quoted.yaml",
        "rows-not-whole.yaml",
        "digit-separators.yaml",
        "max-growths-zero.yaml",
        "two-triggers-in-one-condition.yaml",
        "manual-false.yaml",
        "manual-yes.yaml",
        "metric-with-split-prefix.yaml",
        "widen-factor-and-width.yaml",
        "widen-factor-one.yaml",
        "widen-all-hidden-in-list.yaml",
        "deepen-even-kernel.yaml",
        "deepen-missing-after.yaml",
        "two-actions.yaml",
        "try-both-with-one.yaml",
        "try-both-nested.yaml",
        "tournament-one-candidate.yaml",
        "tournament-same-candidate-twice.yaml",
        "tournament-candidate-with-two-actions.yaml",
        "tournament-nested.yaml",
        "tournament-candidate-training-zero-epochs.yaml",
        "tournament-candidate-without-action.yaml",
        "learning-rate-scale-zero.yaml",
        "promotion-mode-without-metric.yaml",
        "promotion-negative-improvement.yaml",
        "guards-empty.yaml",
        "bad-policy-name.yaml",
        "underfitting-missing-target.yaml",
        "deepen-batchnorm-quoted.yaml",
      })
  void malformedShapesFailTheSchemaToo(String file) throws IOException {
    String yaml = new String(MalformedFilesTest.resource(file), StandardCharsets.UTF_8);
    JsonSchema schema = schema();

    assertThat(documents(yaml))
        .anySatisfy(document -> assertThat(schema.validate(document)).isNotEmpty());
  }
}
