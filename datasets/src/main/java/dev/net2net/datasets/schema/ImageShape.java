package dev.net2net.datasets.schema;

/**
 * Images of one size: height and width in pixels, 1 (grey), 3 (RGB) or 4 (RGBA) channels. With
 * {@code resize}, images of another size or channel count are converted to this one; without it
 * they are refused.
 */
public record ImageShape(int height, int width, int channels, boolean resize) implements Shape {
  /** Larger sides than this are certainly a typo, and a row must stay well under 2 GB. */
  public static final int MAX_SIDE = 4096;

  public ImageShape {
    if (height < 1 || height > MAX_SIDE || width < 1 || width > MAX_SIDE) {
      throw new IllegalArgumentException(
          "image height and width must be 1.." + MAX_SIDE + ", got " + height + "x" + width);
    }
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException(
          "channels must be 1 (grey), 3 (RGB) or 4 (RGBA), got " + channels);
    }
  }

  public int pixels() {
    return height * width * channels;
  }

  public String describe() {
    return height + "x" + width + "x" + channels;
  }
}
