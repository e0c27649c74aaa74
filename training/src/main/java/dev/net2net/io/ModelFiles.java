package dev.net2net.io;

import dev.net2net.model.HelperGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * DeepLearning4J model zips ({@code ModelSerializer}): read either kind of network with a precise
 * error for anything else, and write so that a reader never sees a half-written file.
 */
public final class ModelFiles {
  private static final String CONFIGURATION = "configuration.json";
  private static final String COEFFICIENTS = "coefficients.bin";

  private ModelFiles() {}

  /**
   * Loads a {@code MultiLayerNetwork} or a {@code ComputationGraph}, with its optimizer state if
   * saved.
   */
  public static Model load(Path file) {
    if (!Files.exists(file)) {
      throw new ModelFileException(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelFileException(file + ": not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new ModelFileException(file + ": not readable");
    }
    boolean graph = isGraph(file);
    Model model;
    try {
      model =
          graph
              ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
              : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw new ModelFileException(file + ": corrupt DeepLearning4J model: " + reason(e), e);
    }
    HelperGuard.protect(model);
    return model;
  }

  private static boolean isGraph(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry conf = zip.getEntry(CONFIGURATION);
      if (conf == null || zip.getEntry(COEFFICIENTS) == null) {
        throw new ModelFileException(
            file
                + ": a zip, but not a DeepLearning4J model (no "
                + CONFIGURATION
                + " and "
                + COEFFICIENTS
                + ")");
      }
      String json;
      try (InputStream in = zip.getInputStream(conf)) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (json.contains("\"vertices\"")) {
        return true;
      }
      if (json.contains("\"confs\"")) {
        return false;
      }
      throw new ModelFileException(
          file
              + ": "
              + CONFIGURATION
              + " describes neither a MultiLayerNetwork nor a"
              + " ComputationGraph");
    } catch (ZipException e) {
      throw new ModelFileException(file + ": not a zip file (" + reason(e) + ")", e);
    } catch (IOException e) {
      throw new ModelFileException(file + ": cannot read: " + reason(e), e);
    }
  }

  /**
   * Writes a model with its optimizer state: to a temporary file beside the target, flushed to
   * disk, then renamed over the target. On failure the target is untouched and no temporary file
   * remains.
   */
  public static void save(Model model, Path file) {
    if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
      throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
    }
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ModelFileException(file + ": the folder " + dir + " does not exist");
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".partial");
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        ModelSerializer.writeModel(model, out, true);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new ModelFileException(file + ": cannot write: " + reason(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed; that error is the one to report.
        }
      }
    }
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message);
  }
}
