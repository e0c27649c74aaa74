package dev.net2net.datasets.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes small Parquet files for tests, with parquet-java itself. */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** Writes {@code rows} records; {@code fill} sets the fields of record i. */
  public static void write(
      Path file,
      String schemaText,
      int rows,
      CompressionCodecName codec,
      int rowGroupBytes,
      BiConsumer<Integer, Group> fill)
      throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(schemaText);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withType(schema)
            .withCompressionCodec(codec)
            .withRowGroupSize((long) rowGroupBytes)
            .withPageSize(Math.min(rowGroupBytes, 1 << 20))
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        fill.accept(i, g);
        writer.write(g);
      }
    }
  }

  public static final List<String> CLASSES = List.of("red", "white", "rose");
}
