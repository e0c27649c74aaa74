package dev.net2net.datasets.read;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.TabularShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * A Parquet table (what Spark, pandas and DuckDB write), read with parquet-java through its local
 * file API (no Hadoop file system), one row group at a time and only the columns the schema needs.
 * Features are numeric columns (INT32, INT64, FLOAT, DOUBLE, DECIMAL); the label is a string column
 * naming a class or an integer column numbering one. A null or out-of-range value refuses the shard
 * with the row and column.
 */
public final class ParquetReader implements ShardReader {
  private final Path file;
  private final TabularShape shape;
  private final Classes classes;

  public ParquetReader(Path file, TabularShape shape, Classes classes) {
    this.file = file;
    this.shape = shape;
    this.classes = classes;
  }

  @Override
  public long read(RowSink sink) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file + ": no such file");
    }
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      List<String> names = new ArrayList<>();
      for (Type field : schema.getFields()) {
        names.add(field.getName());
      }
      TabularColumns columns;
      try {
        columns = TabularColumns.resolve(names, shape);
      } catch (TabularColumns.HeaderProblem e) {
        throw new DatasetException(file + ": " + e.getMessage());
      }
      List<Type> wanted = new ArrayList<>();
      wanted.add(checked(schema.getType(columns.label()), true));
      for (int c : columns.features()) {
        wanted.add(checked(schema.getType(c), false));
      }
      MessageType projection = new MessageType(schema.getName(), wanted);
      reader.setRequestedSchema(projection);
      sink.begin(RowLayout.tabular(columns.featureNames(), classes.count()));
      float[] features = new float[columns.features().length];
      long rows = 0;
      int rowGroup = 0;
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        rowGroup++;
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(projection, schema)
                .getRecordReader(pages, new GroupRecordConverter(projection));
        for (long r = 0; r < pages.getRowCount(); r++) {
          Group g = records.read();
          rows++;
          int field = 0;
          try {
            int label = label(g, projection.getType(0).asPrimitiveType());
            for (field = 1; field < wanted.size(); field++) {
              features[field - 1] = feature(g, field, projection.getType(field).asPrimitiveType());
            }
            sink.row(features, label);
          } catch (ValueProblem e) {
            throw new DatasetException(
                file
                    + ": row "
                    + rows
                    + " (row group "
                    + rowGroup
                    + "), column '"
                    + projection.getType(field).getName()
                    + "': "
                    + e.getMessage());
          }
        }
      }
      if (rows == 0) {
        throw new DatasetException(file + ": no rows");
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetException d) {
        throw d;
      }
      throw new DatasetException(file + ": cannot read as Parquet: " + e.getMessage(), e);
    }
  }

  private Type checked(Type type, boolean label) {
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      throw new DatasetException(
          file
              + ": column '"
              + type.getName()
              + "' is nested or repeated; expected a plain "
              + (label ? "label" : "number")
              + " column");
    }
    PrimitiveTypeName name = type.asPrimitiveType().getPrimitiveTypeName();
    boolean numeric =
        name == PrimitiveTypeName.INT32
            || name == PrimitiveTypeName.INT64
            || name == PrimitiveTypeName.FLOAT
            || name == PrimitiveTypeName.DOUBLE;
    boolean text =
        name == PrimitiveTypeName.BINARY
            && type.getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
    boolean decimal =
        type.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
    if (label ? !(text || (numeric && !decimal && isInteger(name))) : !numeric) {
      throw new DatasetException(
          file
              + ": column '"
              + type.getName()
              + "' holds "
              + name
              + (type.getLogicalTypeAnnotation() == null
                  ? ""
                  : " (" + type.getLogicalTypeAnnotation() + ")")
              + "; expected "
              + (label
                  ? "a string or integer label"
                  : "numbers (INT32, INT64, FLOAT, DOUBLE or DECIMAL)"));
    }
    return type;
  }

  private static boolean isInteger(PrimitiveTypeName name) {
    return name == PrimitiveTypeName.INT32 || name == PrimitiveTypeName.INT64;
  }

  private int label(Group g, PrimitiveType type) throws ValueProblem {
    if (g.getFieldRepetitionCount(0) == 0) {
      throw new ValueProblem("missing label (null)");
    }
    return switch (type.getPrimitiveTypeName()) {
      case BINARY -> Values.label(g.getString(0, 0), classes);
      case INT32 -> Values.label(g.getInteger(0, 0), classes);
      default -> Values.label(g.getLong(0, 0), classes);
    };
  }

  private static float feature(Group g, int field, PrimitiveType type) throws ValueProblem {
    if (g.getFieldRepetitionCount(field) == 0) {
      throw new ValueProblem("missing value (null)");
    }
    int scale =
        type.getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
            ? d.getScale()
            : 0;
    double value =
        switch (type.getPrimitiveTypeName()) {
          case INT32 -> g.getInteger(field, 0);
          case INT64 -> g.getLong(field, 0);
          case FLOAT -> g.getFloat(field, 0);
          default -> g.getDouble(field, 0);
        };
    if (scale != 0) {
      value = value / Math.pow(10, scale);
    }
    return Values.checkedFloat(value, Double.toString(value));
  }
}
