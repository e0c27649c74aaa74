package org.deeplearning4j.core.storage.listener;

import java.io.Serializable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.optimize.api.TrainingListener;

/** Stand-in for deeplearning4j-core's interface of the same name (see the package comment). */
public interface RoutingIterationListener extends TrainingListener, Cloneable, Serializable {
  void setStorageRouter(StatsStorageRouter router);

  StatsStorageRouter getStorageRouter();

  void setWorkerID(String workerId);

  String getWorkerID();

  void setSessionID(String sessionId);

  String getSessionID();

  RoutingIterationListener clone();
}
