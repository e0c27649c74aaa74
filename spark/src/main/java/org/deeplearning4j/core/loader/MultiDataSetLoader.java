package org.deeplearning4j.core.loader;

import org.nd4j.common.loader.Loader;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Stand-in for deeplearning4j-core's interface of the same name (see the package comment). */
public interface MultiDataSetLoader extends Loader<MultiDataSet> {}
