package dev.net2net.registry.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The bytes of an artifact to store: a file (a saved DL4J model zip) or an in-memory array. */
public sealed interface ArtifactSource {

  InputStream open() throws IOException;

  /** Where the bytes come from, for messages. */
  String describe();

  static ArtifactSource ofFile(Path file) {
    return new FileSource(file);
  }

  static ArtifactSource ofBytes(byte[] bytes) {
    return new BytesSource(bytes);
  }

  record FileSource(Path file) implements ArtifactSource {
    public FileSource {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }

  record BytesSource(byte[] bytes) implements ArtifactSource {
    public BytesSource {
      Objects.requireNonNull(bytes, "bytes");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public String describe() {
      return bytes.length + " bytes in memory";
    }
  }
}
