import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Writes one IDX shard of N Fashion-MNIST-shaped images (the 60,000 training images cycled) for the
 * data plane's memory run (docs/results/data-plane.md): {@code java bench/tools/BigIdx.java DIR N}.
 * The pair is written under temporary names and renamed, so a watching daemon never reads it half
 * written. Reads Fashion-MNIST from NET2NET_FASHION_MNIST or /usr/share/datasets/fashion-mnist.
 */
public final class BigIdx {
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java bench/tools/BigIdx.java DIR N");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    long n = Long.parseLong(args[1]);
    Path source =
        Path.of(System.getenv().getOrDefault("NET2NET_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"));
    byte[] pixels = body(source.resolve("train-images-idx3-ubyte.gz"), 16);
    byte[] labels = body(source.resolve("train-labels-idx1-ubyte.gz"), 8);
    int count = labels.length;
    Path images = dir.resolve(".big-images-idx3-ubyte.partial");
    Path labelsOut = dir.resolve(".big-labels-idx1-ubyte.partial");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(images), 1 << 20))) {
      out.writeInt(0x00000803);
      out.writeInt((int) n);
      out.writeInt(28);
      out.writeInt(28);
      for (long i = 0; i < n; i++) {
        out.write(pixels, (int) (i % count) * 784, 784);
      }
    }
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(labelsOut), 1 << 20))) {
      out.writeInt(0x00000801);
      out.writeInt((int) n);
      for (long i = 0; i < n; i++) {
        out.writeByte(labels[(int) (i % count)]);
      }
    }
    // Labels first: the images file is what makes the daemon see a shard.
    Files.move(labelsOut, dir.resolve("big-labels-idx1-ubyte"));
    Files.move(images, dir.resolve("big-images-idx3-ubyte"));
    System.out.printf("wrote %d images (%,d bytes) to %s%n", n, 16 + n * 784, dir);
  }

  private static byte[] body(Path gz, int header) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)))) {
      in.skipNBytes(header);
      return in.readAllBytes();
    }
  }
}
