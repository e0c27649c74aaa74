package dev.net2net.policies.parse;

import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.validate.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Composes YAML text into node trees, which keep the line and column of every value, instead of
 * into Java objects, which would lose them.
 */
final class YamlDocuments {

  /** Enough for sharing an action between rules; far too few for a billion-laughs expansion. */
  private static final int MAX_ALIASES = 50;

  private YamlDocuments() {}

  /**
   * The non-empty documents of a stream (an empty document, such as one after a trailing {@code
   * ---}, holds no policy and is skipped), or the syntax error that stopped the reader.
   */
  static Result compose(String file, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setUseMarks(true)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(SourceText.MAX_BYTES)
            .build();
    List<Node> documents = new ArrayList<>();
    try {
      for (Node document : new Compose(settings).composeAllFromString(text)) {
        if (!isEmptyDocument(document)) {
          documents.add(document);
        }
      }
    } catch (MarkedYamlEngineException e) {
      return new Result(documents, Optional.of(syntaxError(file, e)));
    } catch (YamlEngineException e) {
      return new Result(
          documents,
          Optional.of(
              Diagnostic.error(
                  SourceLocation.startOf(file), "YAML syntax error: " + oneLine(e.getMessage()))));
    }
    return new Result(documents, Optional.empty());
  }

  private static boolean isEmptyDocument(Node document) {
    return document instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.NULL)
        && scalar.getValue().isEmpty();
  }

  /**
   * The reader's own words and position, which are precise, plus where the construct it was reading
   * began ("while scanning a quoted scalar started at 3:7"), which is often where the fix is.
   */
  private static Diagnostic syntaxError(String file, MarkedYamlEngineException e) {
    SourceLocation at =
        e.getProblemMark()
            .or(e::getContextMark)
            .map(mark -> location(file, mark))
            .orElse(SourceLocation.startOf(file));
    StringBuilder message =
        new StringBuilder("YAML syntax error: ").append(oneLine(e.getProblem()));
    String context = e.getContext();
    if (context != null && !context.isBlank()) {
      message.append(" (").append(oneLine(context));
      e.getContextMark()
          .ifPresent(
              mark ->
                  message
                      .append(" started at line ")
                      .append(mark.getLine() + 1)
                      .append(", column ")
                      .append(mark.getColumn() + 1));
      message.append(')');
    }
    return Diagnostic.error(at, message.toString());
  }

  static SourceLocation location(String file, Mark mark) {
    return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String oneLine(String text) {
    return text == null ? "unreadable YAML" : text.replaceAll("\\s+", " ").strip();
  }

  record Result(List<Node> documents, Optional<Diagnostic> syntaxError) {}
}
