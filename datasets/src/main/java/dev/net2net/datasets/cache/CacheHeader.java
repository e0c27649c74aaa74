package dev.net2net.datasets.cache;

import dev.net2net.datasets.read.ElementType;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.schema.ImageShape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The fixed 256-byte header of a cache file, little-endian. Rows follow it, training rows first and
 * then held-out rows, each {@code rowBytes} long, so row i starts at {@code SIZE + i * rowBytes}.
 *
 * <pre>
 *   0  8 bytes  magic "N2NCACHE"
 *   8  int      format version (1)
 *  12  byte     element type (0 uint8, 1 float32)
 *  13  byte     holdout rule (0 none, 1 fraction, 2 all)
 *  14  short    row hash version
 *  16  int      features per row
 *  20  int      channels, 24 height, 28 width (0 for tables)
 *  32  int      classes
 *  40  long     training rows
 *  48  long     held-out rows
 *  56  double   holdout fraction
 *  64  long     digest of the feature column names
 *  72  64 bytes the source shard's identity (its sha256 in hex), ASCII, zero-padded
 * 136  int      CRC32C of the rows
 * 140  int      CRC32C of bytes 0..139
 * </pre>
 */
public record CacheHeader(
    RowLayout layout,
    long columnsDigest,
    long trainRows,
    long holdoutRows,
    int holdoutCode,
    double holdoutFraction,
    String source,
    int bodyCrc) {
  public static final int SIZE = 256;
  public static final int VERSION = 1;
  private static final byte[] MAGIC = "N2NCACHE".getBytes(StandardCharsets.US_ASCII);
  private static final int SOURCE_BYTES = 64;

  public CacheHeader {
    if (trainRows < 0 || holdoutRows < 0) {
      throw new IllegalArgumentException("negative row count");
    }
    if (source.getBytes(StandardCharsets.US_ASCII).length > SOURCE_BYTES
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(source)) {
      throw new IllegalArgumentException(
          "a source identity is at most " + SOURCE_BYTES + " ASCII characters");
    }
  }

  public long rows() {
    return trainRows + holdoutRows;
  }

  /** The exact size a file with this header must have. */
  public long fileSize() {
    return SIZE + rows() * layout.rowBytes();
  }

  ByteBuffer encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC);
    b.putInt(VERSION);
    b.put((byte) layout.type().ordinal());
    b.put((byte) holdoutCode);
    b.putShort((short) dev.net2net.datasets.split.RowHash.VERSION);
    b.putInt(layout.features());
    ImageShape image = layout.image().orElse(null);
    b.putInt(image == null ? 0 : image.channels());
    b.putInt(image == null ? 0 : image.height());
    b.putInt(image == null ? 0 : image.width());
    b.putInt(layout.classes());
    b.putInt(image != null && image.resize() ? 1 : 0);
    b.putLong(trainRows);
    b.putLong(holdoutRows);
    b.putDouble(holdoutFraction);
    b.putLong(columnsDigest);
    byte[] src = source.getBytes(StandardCharsets.US_ASCII);
    b.put(src);
    b.position(72 + SOURCE_BYTES);
    b.putInt(bodyCrc);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 140);
    b.putInt((int) crc.getValue());
    b.clear();
    return b;
  }

  /** Decodes a header, refusing anything that is not a current, intact one. */
  static CacheHeader decode(ByteBuffer raw, String where) {
    ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new CacheException(where + ": not a net2net cache file (bad magic)");
    }
    int version = b.getInt();
    if (version != VERSION) {
      throw new CacheException(
          where + ": cache format version " + version + ", this build reads " + VERSION);
    }
    CRC32C crc = new CRC32C();
    crc.update(raw.array(), raw.arrayOffset(), 140);
    if ((int) crc.getValue() != b.getInt(140)) {
      throw new CacheException(where + ": header checksum mismatch");
    }
    int typeCode = b.get();
    int holdoutCode = b.get();
    int hashVersion = b.getShort();
    if (hashVersion != dev.net2net.datasets.split.RowHash.VERSION) {
      throw new CacheException(where + ": built with row hash version " + hashVersion);
    }
    if (typeCode < 0 || typeCode >= ElementType.values().length) {
      throw new CacheException(where + ": unknown element type " + typeCode);
    }
    ElementType type = ElementType.values()[typeCode];
    int features = b.getInt();
    int channels = b.getInt();
    int height = b.getInt();
    int width = b.getInt();
    int classes = b.getInt();
    boolean resize = b.getInt() == 1;
    long train = b.getLong();
    long holdout = b.getLong();
    double fraction = b.getDouble();
    long digest = b.getLong();
    byte[] src = new byte[SOURCE_BYTES];
    b.get(src);
    int end = 0;
    while (end < src.length && src[end] != 0) {
      end++;
    }
    int bodyCrc = b.getInt();
    RowLayout layout;
    try {
      layout =
          channels == 0
              ? new RowLayout(type, features, classes, List.of(), Optional.empty())
              : new RowLayout(
                  type,
                  features,
                  classes,
                  List.of(),
                  Optional.of(new ImageShape(height, width, channels, resize)));
    } catch (IllegalArgumentException e) {
      throw new CacheException(where + ": inconsistent header: " + e.getMessage());
    }
    return new CacheHeader(
        layout,
        digest,
        train,
        holdout,
        holdoutCode,
        fraction,
        new String(src, 0, end, StandardCharsets.US_ASCII),
        bodyCrc);
  }
}
