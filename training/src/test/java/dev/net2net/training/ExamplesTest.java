package dev.net2net.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ExamplesTest {
  /** Ten rows whose single feature is the row's number and whose label is its parity. */
  private final Examples examples =
      new Examples(
          Nd4j.arange(10).castTo(DataType.FLOAT).reshape(10, 1),
          Nd4j.create(
              new float[][] {
                {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}
              }));

  private static List<Integer> rowsOf(MiniBatches pass, List<Integer> sizes) {
    List<Integer> rows = new ArrayList<>();
    while (pass.hasNext()) {
      DataSet batch = pass.next();
      INDArray x = batch.getFeatures();
      sizes.add((int) x.size(0));
      for (int i = 0; i < x.size(0); i++) {
        int row = x.getInt(i, 0);
        rows.add(row);
        // The label travels with its row through the gather.
        assertThat(batch.getLabels().getFloat(i, row % 2)).isEqualTo(1f);
      }
    }
    return rows;
  }

  @Test
  void aShuffledPassVisitsEveryRowOnceInBatchesOfTheGivenSize() {
    List<Integer> sizes = new ArrayList<>();
    MiniBatches pass = examples.shuffled(3, new Random(7));
    assertThat(pass.count()).isEqualTo(4);
    List<Integer> rows = rowsOf(pass, sizes);
    assertThat(sizes).containsExactly(3, 3, 3, 1);
    assertThat(rows).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(rows).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  }

  @Test
  void theOrderDependsOnlyOnTheRandomSource() {
    List<Integer> first = rowsOf(examples.shuffled(4, new Random(3)), new ArrayList<>());
    List<Integer> again = rowsOf(examples.shuffled(4, new Random(3)), new ArrayList<>());
    assertThat(again).isEqualTo(first);
    assertThat(rowsOf(examples.inOrder(4), new ArrayList<>()))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }
}
