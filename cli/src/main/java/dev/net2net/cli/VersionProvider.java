package dev.net2net.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Net2NetCommand.class.getPackage().getImplementationVersion();
    return new String[] {"net2net " + (version == null ? "development build" : version)};
  }
}
