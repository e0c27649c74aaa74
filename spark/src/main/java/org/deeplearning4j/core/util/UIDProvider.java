package org.deeplearning4j.core.util;

import java.util.UUID;

/**
 * Stand-in for deeplearning4j-core's class of the same name, which dl4j-spark calls to name its
 * training master and workers (see {@code org.deeplearning4j.core}'s package comment for why it is
 * here). Same signatures; the identifiers are random per JVM, as DeepLearning4J's are in effect.
 */
public final class UIDProvider {
  private static final String JVM_UID = UUID.randomUUID().toString().replace("-", "");
  private static final String HARDWARE_UID = JVM_UID;

  private UIDProvider() {}

  public static String getJVMUID() {
    return JVM_UID;
  }

  /**
   * DeepLearning4J derives this from a network interface's address; a random one serves as well.
   */
  public static String getHardwareUID() {
    return HARDWARE_UID;
  }
}
