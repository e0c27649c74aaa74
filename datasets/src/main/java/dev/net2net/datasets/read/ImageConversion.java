package dev.net2net.datasets.read;

import dev.net2net.datasets.schema.ImageShape;

/**
 * Brings a decoded image (channel-major bytes) to the schema's channel count and size, for {@code
 * resize: true}: grey is repeated into colour, colour becomes grey by ITU-R BT.601 luma, alpha is
 * dropped or made opaque; the size changes by bilinear interpolation with pixel centres aligned.
 */
final class ImageConversion {
  private ImageConversion() {}

  static byte[] convert(byte[] chw, int channels, int height, int width, ImageShape target) {
    byte[] recoloured =
        channels == target.channels()
            ? chw
            : channels(chw, channels, height * width, target.channels());
    if (height == target.height() && width == target.width()) {
      return recoloured;
    }
    return resize(recoloured, target.channels(), height, width, target.height(), target.width());
  }

  private static byte[] channels(byte[] src, int from, int plane, int to) {
    byte[] out = new byte[plane * to];
    boolean fromColour = from >= 3;
    boolean fromAlpha = from == 2 || from == 4;
    for (int p = 0; p < plane; p++) {
      int r;
      int g;
      int b;
      if (fromColour) {
        r = src[p] & 0xFF;
        g = src[plane + p] & 0xFF;
        b = src[2 * plane + p] & 0xFF;
      } else {
        r = g = b = src[p] & 0xFF;
      }
      int alpha = fromAlpha ? src[(from - 1) * plane + p] & 0xFF : 255;
      if (to == 1) {
        out[p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      } else {
        out[p] = (byte) r;
        out[plane + p] = (byte) g;
        out[2 * plane + p] = (byte) b;
        if (to == 4) {
          out[3 * plane + p] = (byte) alpha;
        }
      }
    }
    return out;
  }

  private static byte[] resize(byte[] src, int channels, int h, int w, int th, int tw) {
    byte[] out = new byte[channels * th * tw];
    double sy = (double) h / th;
    double sx = (double) w / tw;
    for (int c = 0; c < channels; c++) {
      int base = c * h * w;
      int outBase = c * th * tw;
      for (int y = 0; y < th; y++) {
        double fy = Math.max(0, Math.min(h - 1, (y + 0.5) * sy - 0.5));
        int y0 = (int) fy;
        int y1 = Math.min(h - 1, y0 + 1);
        double dy = fy - y0;
        for (int x = 0; x < tw; x++) {
          double fx = Math.max(0, Math.min(w - 1, (x + 0.5) * sx - 0.5));
          int x0 = (int) fx;
          int x1 = Math.min(w - 1, x0 + 1);
          double dx = fx - x0;
          double top =
              (src[base + y0 * w + x0] & 0xFF) * (1 - dx) + (src[base + y0 * w + x1] & 0xFF) * dx;
          double bottom =
              (src[base + y1 * w + x0] & 0xFF) * (1 - dx) + (src[base + y1 * w + x1] & 0xFF) * dx;
          out[outBase + y * tw + x] = (byte) Math.round(top * (1 - dy) + bottom * dy);
        }
      }
    }
    return out;
  }
}
