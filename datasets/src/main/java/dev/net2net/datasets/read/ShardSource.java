package dev.net2net.datasets.read;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.schema.TabularShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shard as it lies in a watched folder: its format and the files that make it (an IDX shard is
 * a pair). Recognised by name: {@code .csv}, {@code .tsv} (each optionally {@code .gz}), {@code
 * .parquet}, {@code NAME-images-idx3-ubyte[.gz]} or {@code NAME-images-idx4-ubyte[.gz]} with {@code
 * NAME-labels-idx1-ubyte[.gz]}, and a folder or {@code .zip} of class folders of images.
 */
public record ShardSource(Format format, Path path, List<Path> files) {
  public enum Format {
    CSV,
    TSV,
    PARQUET,
    IDX,
    IMAGES
  }

  private static final Pattern IDX_IMAGES = Pattern.compile("(.+)-images-idx[34]-ubyte(\\.gz)?");

  public ShardSource {
    files = List.copyOf(files);
  }

  /**
   * The shard whose main file is {@code path}, or empty when the name is not a shard's (including
   * the labels half of an IDX pair, and an IDX image file whose labels have not arrived yet).
   */
  public static Optional<ShardSource> recognise(Path path) {
    String name = path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (Files.isDirectory(path)) {
      return Optional.of(new ShardSource(Format.IMAGES, path, List.of(path)));
    }
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
      return Optional.of(new ShardSource(Format.CSV, path, List.of(path)));
    }
    if (lower.endsWith(".tsv") || lower.endsWith(".tsv.gz")) {
      return Optional.of(new ShardSource(Format.TSV, path, List.of(path)));
    }
    if (lower.endsWith(".parquet")) {
      return Optional.of(new ShardSource(Format.PARQUET, path, List.of(path)));
    }
    if (lower.endsWith(".zip")) {
      return Optional.of(new ShardSource(Format.IMAGES, path, List.of(path)));
    }
    Matcher idx = IDX_IMAGES.matcher(name);
    if (idx.matches()) {
      for (String candidate :
          new String[] {
            idx.group(1) + "-labels-idx1-ubyte.gz", idx.group(1) + "-labels-idx1-ubyte"
          }) {
        Path labels = path.resolveSibling(candidate);
        if (Files.isRegularFile(labels)) {
          return Optional.of(new ShardSource(Format.IDX, path, List.of(path, labels)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The reader for this shard under a schema; a format that cannot hold the schema's examples is
   * refused.
   */
  public ShardReader reader(DatasetSchema schema) {
    if (schema.shape() instanceof TabularShape tabular) {
      return switch (format) {
        case CSV -> DelimitedReader.csv(path, tabular, schema.classes());
        case TSV -> DelimitedReader.tsv(path, tabular, schema.classes());
        case PARQUET -> new ParquetReader(path, tabular, schema.classes());
        case IDX, IMAGES ->
            throw new DatasetException(
                path
                    + ": a "
                    + format.name().toLowerCase(Locale.ROOT)
                    + " shard holds images, but the schema is tabular");
      };
    }
    ImageShape image = (ImageShape) schema.shape();
    return switch (format) {
      case IDX -> new IdxReader(files.get(0), files.get(1), image, schema.classes());
      case IMAGES -> new ImageFolderReader(path, image, schema.classes());
      case CSV -> new PixelCsvReader(path, image, schema.classes());
      case TSV, PARQUET ->
          throw new DatasetException(
              path
                  + ": a "
                  + format.name().toLowerCase(Locale.ROOT)
                  + " shard holds a table, but the schema is for images");
    };
  }
}
