package dev.net2net.training;

import java.util.Iterator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One pass over a {@link BatchSource}: its mini-batches in order, then the end. Closing releases
 * whatever the pass holds (a file, a read-ahead thread); a pass may be closed before its end.
 */
public interface MiniBatches extends Iterator<DataSet>, AutoCloseable {

  /** The number of batches in the pass. */
  int count();

  @Override
  void close();
}
