package org.deeplearning4j.core.storage;

import java.io.Serializable;

/** Stand-in for deeplearning4j-core's interface of the same name (see the package comment). */
public interface StatsStorageRouterProvider extends Serializable {
  StatsStorageRouter getRouter();
}
