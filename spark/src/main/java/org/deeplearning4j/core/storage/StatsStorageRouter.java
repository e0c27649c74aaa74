package org.deeplearning4j.core.storage;

import java.util.Collection;

/** Stand-in for deeplearning4j-core's interface of the same name (see the package comment). */
public interface StatsStorageRouter {
  void putStorageMetaData(StorageMetaData metaData);

  void putStorageMetaData(Collection<? extends StorageMetaData> metaData);

  void putStaticInfo(Persistable staticInfo);

  void putStaticInfo(Collection<? extends Persistable> staticInfo);

  void putUpdate(Persistable update);

  void putUpdate(Collection<? extends Persistable> updates);
}
