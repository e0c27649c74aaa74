package dev.net2net.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.errors.UserFacingError;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every class of the project's main code that the command line ships (every module is on this
 * module's class path) and checks that each exception type declares its kind, so that the command
 * line and the HTTP API treat it the same way and nothing the user caused becomes an internal error
 * by accident.
 */
class EveryErrorHasAKindTest {

  @Test
  void everyExceptionTypeOfTheProjectDeclaresItsKind() throws Exception {
    List<String> exceptions = new ArrayList<>();
    List<String> withoutKind = new ArrayList<>();
    for (String name : mainClassNames()) {
      Class<?> type = Class.forName(name, false, getClass().getClassLoader());
      if (Throwable.class.isAssignableFrom(type)) {
        exceptions.add(type.getName());
        if (!UserFacingError.class.isAssignableFrom(type)) {
          withoutKind.add(type.getName());
        }
      }
    }
    // The walk must have seen the exceptions of every module, or it proves nothing.
    assertThat(exceptions)
        .contains(
            "dev.net2net.TransformException",
            "dev.net2net.datasets.DatasetException",
            "dev.net2net.io.ModelFileException",
            "dev.net2net.registry.NotFoundException",
            "dev.net2net.daemon.config.ConfigException",
            "dev.net2net.cli.UsageError");
    assertThat(withoutKind)
        .as("exception types without a kind (implement UserFacingError)")
        .isEmpty();
  }

  /**
   * The project's main classes: under dev/net2net, from class folders and jars, not from test code.
   */
  private static TreeSet<String> mainClassNames() throws IOException, URISyntaxException {
    TreeSet<String> names = new TreeSet<>();
    for (URL root :
        Collections.list(
            EveryErrorHasAKindTest.class.getClassLoader().getResources("dev/net2net"))) {
      String where = root.toString();
      if (where.contains("test-classes") || where.contains("-tests.jar")) {
        continue;
      }
      if (root.getProtocol().equals("file")) {
        Path dir = Path.of(root.toURI());
        Path base = dir.getParent().getParent();
        try (Stream<Path> files = Files.walk(dir)) {
          files
              .filter(f -> f.toString().endsWith(".class"))
              .forEach(f -> names.add(className(base.relativize(f).toString())));
        }
      } else if (root.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("dev/net2net/") && n.endsWith(".class"))
              .forEach(n -> names.add(className(n)));
        }
      }
    }
    names.removeIf(n -> n.endsWith("package-info") || n.endsWith("module-info"));
    return names;
  }

  private static String className(String path) {
    return path.replace('\\', '/').replace(".class", "").replace('/', '.');
  }
}
