package dev.net2net.datasets.stream;

import dev.net2net.datasets.cache.CacheFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-feature mean and standard deviation of a set of rows, computed in one streamed pass
 * (Welford's update in double precision, 1 MB reads), so the statistics of any number of rows cost
 * two doubles per feature. The standard deviation is the population one (divided by n), as DL4J's
 * own {@code NormalizerStandardize.fit} computes it.
 */
public record FeatureStatistics(long count, double[] mean, double[] std) {
  public FeatureStatistics {
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  public static FeatureStatistics of(RowSet rows) {
    int features = rows.layout().features();
    RowDecoder decoder = new RowDecoder(rows.layout());
    int rowBytes = decoder.rowBytes();
    int perRead = Math.max(1, (1 << 20) / rowBytes);
    ByteBuffer buffer = ByteBuffer.allocateDirect(perRead * rowBytes);
    float[] row = new float[features];
    double[] mean = new double[features];
    double[] m2 = new double[features];
    long n = 0;
    for (int f = 0; f < rows.files().size(); f++) {
      CacheFile file = rows.files().get(f);
      long first = rows.part() == RowSet.Part.TRAINING ? 0 : file.trainRows();
      long count = rows.part() == RowSet.Part.TRAINING ? file.trainRows() : file.holdoutRows();
      try (FileChannel channel = file.channel()) {
        for (long done = 0; done < count; ) {
          int batch = (int) Math.min(perRead, count - done);
          buffer.clear();
          buffer.limit(batch * rowBytes);
          long at = file.offset(first + done);
          while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
              throw new IOException(file.path() + ": ends early");
            }
            at += read;
          }
          for (int r = 0; r < batch; r++) {
            decoder.decode(buffer, r * rowBytes, row, 0);
            n++;
            for (int j = 0; j < features; j++) {
              double delta = row[j] - mean[j];
              mean[j] += delta / n;
              m2[j] += delta * (row[j] - mean[j]);
            }
          }
          done += batch;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no rows to compute statistics from");
    }
    double[] std = new double[features];
    for (int j = 0; j < features; j++) {
      std[j] = Math.sqrt(m2[j] / n);
    }
    return new FeatureStatistics(n, mean, std);
  }

  /**
   * A DL4J normaliser with these statistics, ready for {@code
   * ModelSerializer.addNormalizerToModel}. DL4J replaces a zero standard deviation by a tiny one,
   * so a constant feature becomes 0.
   */
  public NormalizerStandardize normalizer() {
    int features = mean.length;
    float[] m = new float[features];
    float[] s = new float[features];
    for (int j = 0; j < features; j++) {
      m[j] = (float) mean[j];
      s[j] = (float) std[j];
    }
    return new NormalizerStandardize(
        Nd4j.create(m, new long[] {1, features}, 'c'),
        Nd4j.create(s, new long[] {1, features}, 'c'));
  }
}
