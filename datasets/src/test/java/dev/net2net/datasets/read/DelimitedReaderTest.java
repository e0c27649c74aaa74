package dev.net2net.datasets.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.TabularShape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {
  @TempDir Path dir;

  private static final TabularShape WINE = new TabularShape("cultivar", Features.all());
  private static final Classes NAMES = Classes.named(List.of("barolo", "grignolino", "barbera"));

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private CollectingSink read(Path file, TabularShape shape, Classes classes) {
    CollectingSink sink = new CollectingSink();
    ShardSource.recognise(file)
        .orElseThrow()
        .reader(new dev.net2net.datasets.schema.DatasetSchema(shape, classes))
        .read(sink);
    return sink;
  }

  @Test
  void readsStringLabelsAndEveryOtherColumnInHeaderOrder() throws IOException {
    Path f =
        write(
            "wine.csv",
            "alcohol,cultivar,ash\n13.2,barolo,2.5\n12.1, barbera ,-1e-2\n\n\"14\",grignolino,3\n");
    CollectingSink rows = read(f, WINE, NAMES);
    assertThat(rows.layout.columns()).containsExactly("alcohol", "ash");
    assertThat(rows.layout.type()).isEqualTo(ElementType.FLOAT32);
    assertThat(rows.labels).containsExactly(0, 2, 1);
    assertThat(rows.floats.get(0)).containsExactly(13.2f, 2.5f);
    assertThat(rows.floats.get(1)).containsExactly(12.1f, -0.01f);
    assertThat(rows.floats.get(2)).containsExactly(14f, 3f);
  }

  @Test
  void readsNamedFeaturesInTheSchemasOrderAndIgnoresOtherColumns() throws IOException {
    Path f = write("wine.csv", "id,alcohol,cultivar,ash\nx-1,13.2,barolo,2.5\n");
    CollectingSink rows =
        read(f, new TabularShape("cultivar", Features.named(List.of("ash", "alcohol"))), NAMES);
    assertThat(rows.layout.columns()).containsExactly("ash", "alcohol");
    assertThat(rows.floats.get(0)).containsExactly(2.5f, 13.2f);
  }

  @Test
  void readsGzipTsvWithIntegerLabels() throws IOException {
    Path f = dir.resolve("part.tsv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("label\ta\tb\n2\t1\t2\n0\t3\t4\r\n".getBytes(StandardCharsets.UTF_8));
    }
    CollectingSink rows = read(f, new TabularShape("label", Features.all()), Classes.counted(3));
    assertThat(rows.labels).containsExactly(2, 0);
    assertThat(rows.floats.get(1)).containsExactly(3f, 4f);
  }

  @Test
  void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
    Classes classes = Classes.named(List.of("red, dry", "say \"hi\"", "two\nlines"));
    Path f = write("q.csv", "x,label\n1,\"red, dry\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n");
    CollectingSink rows = read(f, new TabularShape("label", Features.all()), classes);
    assertThat(rows.labels).containsExactly(0, 1, 2);
  }

  private void refused(String text, TabularShape shape, Classes classes, String message)
      throws IOException {
    Path f = write("bad.csv", text);
    assertThatThrownBy(() -> read(f, shape, classes))
        .isInstanceOf(DatasetException.class)
        .hasMessage(f + message);
  }

  @Test
  void missingValueIsRefusedWithLineAndColumn() throws IOException {
    refused(
        "alcohol,cultivar,ash\n13.2,barolo,2.5\n12.0,barolo,\n",
        WINE,
        NAMES,
        ":3:13: column 'ash': missing value");
  }

  @Test
  void nonNumericValueIsRefusedWithLineAndColumn() throws IOException {
    refused(
        "alcohol,cultivar,ash\n13.2,barolo,2.5\nabc,barolo,1\n",
        WINE,
        NAMES,
        ":3:1: column 'alcohol': 'abc' is not a number");
    refused(
        "alcohol,cultivar,ash\n1f,barolo,2.5\n",
        WINE,
        NAMES,
        ":2:1: column 'alcohol': '1f' is not a number");
    refused(
        "alcohol,cultivar,ash\nNaN,barolo,2.5\n",
        WINE,
        NAMES,
        ":2:1: column 'alcohol': 'NaN' is not a number");
  }

  @Test
  void outOfRangeValueIsRefusedWithLineAndColumn() throws IOException {
    refused(
        "alcohol,cultivar,ash\n1e39,barolo,2.5\n",
        WINE,
        NAMES,
        ":2:1: column 'alcohol': value 1e39 is out of range (a finite 32-bit float, at most 3.4028235E38 in size)");
  }

  @Test
  void unknownStringLabelIsRefused() throws IOException {
    refused(
        "alcohol,cultivar,ash\n13.2,barolo,2.5\n13.2,merlot,2.5\n",
        WINE,
        NAMES,
        ":3:6: column 'cultivar': label 'merlot' is not one of the classes [barolo, grignolino, barbera]");
  }

  @Test
  void integerLabelOutOfRangeOrNotANumberIsRefused() throws IOException {
    TabularShape shape = new TabularShape("label", Features.all());
    refused(
        "a,label\n1,3\n",
        shape,
        Classes.counted(3),
        ":2:3: column 'label': label 3 is out of range 0..2");
    refused(
        "a,label\n1,-1\n",
        shape,
        Classes.counted(3),
        ":2:3: column 'label': label -1 is out of range 0..2");
    refused(
        "a,label\n1,two\n",
        shape,
        Classes.counted(3),
        ":2:3: column 'label': label 'two' is not a whole number 0..2");
    refused("a,label\n1,\n", shape, Classes.counted(3), ":2:3: column 'label': missing label");
  }

  @Test
  void wrongNumberOfFieldsIsRefused() throws IOException {
    refused(
        "alcohol,cultivar,ash\n13.2,barolo,2.5,9\n",
        WINE,
        NAMES,
        ":2:17: 4 fields, but the header has 3 columns");
    refused(
        "alcohol,cultivar,ash\n13.2,barolo\n",
        WINE,
        NAMES,
        ":2:12: 2 fields, but the header has 3 columns");
  }

  @Test
  void headerProblemsAreRefused() throws IOException {
    refused(
        "alcohol,kind,ash\n1,barolo,2\n",
        WINE,
        NAMES,
        ":1:1: no label column 'cultivar' in the header; its columns are [alcohol, kind, ash]");
    refused(
        "alcohol,cultivar,ash\n1,barolo,2\n",
        new TabularShape("cultivar", Features.named(List.of("ph"))),
        NAMES,
        ":1:1: no feature column 'ph' in the header; its columns are [alcohol, cultivar, ash]");
    refused(
        "alcohol,cultivar,alcohol\n1,barolo,2\n",
        WINE,
        NAMES,
        ":1:18: column name 'alcohol' appears twice in the header (columns 1 and 3)");
    refused(
        "cultivar\nbarolo\n",
        WINE,
        NAMES,
        ":1:1: the header has only the label column 'cultivar'; no features");
  }

  @Test
  void brokenQuotingAndEmptyFilesAreRefused() throws IOException {
    refused(
        "alcohol,cultivar,ash\n1,\"barolo,2\n",
        WINE,
        NAMES,
        ":2:3: a quoted field is never closed");
    refused(
        "alcohol,cultivar,ash\n1,\"barolo\"x,2\n",
        WINE,
        NAMES,
        ":2:11: unexpected 'x' after a closing quote");
    refused("", WINE, NAMES, ": empty; expected a header line naming the columns");
    refused("alcohol,cultivar,ash\n", WINE, NAMES, ": no rows after the header");
  }
}
