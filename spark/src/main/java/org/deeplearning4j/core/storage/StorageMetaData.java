package org.deeplearning4j.core.storage;

import java.io.Serializable;

/** Stand-in for deeplearning4j-core's interface of the same name (see the package comment). */
public interface StorageMetaData extends Persistable {
  @Override
  long getTimeStamp();

  @Override
  String getSessionID();

  @Override
  String getTypeID();

  @Override
  String getWorkerID();

  String getInitTypeClass();

  String getUpdateTypeClass();

  Serializable getExtraMetaData();
}
