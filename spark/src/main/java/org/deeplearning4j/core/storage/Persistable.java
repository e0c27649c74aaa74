package org.deeplearning4j.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;

/** Stand-in for deeplearning4j-core's interface of the same name (see the package comment). */
public interface Persistable extends Serializable {
  String getSessionID();

  String getTypeID();

  String getWorkerID();

  long getTimeStamp();

  int encodingLengthBytes();

  byte[] encode();

  void encode(ByteBuffer buffer);

  void encode(OutputStream out) throws IOException;

  void decode(byte[] bytes);

  void decode(ByteBuffer buffer);

  void decode(InputStream in) throws IOException;
}
