import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Drips synthetic 32x32 colour photos of four "products" into a folder: a red disc, a green square, a
 * blue cross and a yellow ring, each at a random place, size and shade on a noisy background. Shards
 * alternate between a folder and a .zip of class sub-folders, PNG and JPEG mixed; each is written
 * under a hidden name and renamed. Needs only the JDK:
 *
 *   java examples/colours/GenerateColours.java OUT_FOLDER [SHARDS] [IMAGES] [SECONDS]
 */
public class GenerateColours {
  static final List<String> CLASSES = List.of("disc", "square", "cross", "ring");
  static final int SIDE = 32;

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int shards = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int images = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 45;
    Files.createDirectories(out);
    Random random = new Random(11);
    for (int s = 1; s <= shards; s++) {
      boolean zip = s % 2 == 0;
      Path shard = out.resolve(String.format(Locale.ROOT, "products-%03d%s", s, zip ? ".zip" : ""));
      Path partial = out.resolve("." + shard.getFileName() + ".partial");
      if (zip) {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(partial))) {
          for (int i = 0; i < images; i++) {
            int c = i % CLASSES.size();
            String format = i % 3 == 0 ? "jpg" : "png";
            z.putNextEntry(new ZipEntry(CLASSES.get(c) + "/" + i + "." + format));
            ImageIO.write(draw(random, c), format, z);
            z.closeEntry();
          }
        }
      } else {
        for (int i = 0; i < images; i++) {
          int c = i % CLASSES.size();
          Path dir = partial.resolve(CLASSES.get(c));
          Files.createDirectories(dir);
          String format = i % 3 == 0 ? "jpg" : "png";
          ImageIO.write(draw(random, c), format, dir.resolve(i + "." + format).toFile());
        }
      }
      Files.move(partial, shard, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("wrote " + shard + " (" + images + " images)");
      if (s < shards) {
        Thread.sleep(seconds * 1000L);
      }
    }
  }

  static BufferedImage draw(Random random, int shape) throws IOException {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        int g = 90 + random.nextInt(70);
        img.setRGB(x, y, new Color(g, g, Math.min(255, g + random.nextInt(30))).getRGB());
      }
    }
    Graphics2D g = img.createGraphics();
    int size = 10 + random.nextInt(12);
    int x = random.nextInt(SIDE - size);
    int y = random.nextInt(SIDE - size);
    float shade = 0.6f + 0.4f * random.nextFloat();
    Color[] colours = {new Color(shade, 0.1f, 0.1f), new Color(0.1f, shade, 0.1f), new Color(0.1f, 0.1f, shade),
        new Color(shade, shade, 0.1f)};
    g.setColor(colours[shape]);
    switch (shape) {
      case 0 -> g.fillOval(x, y, size, size);
      case 1 -> g.fillRect(x, y, size, size);
      case 2 -> {
        g.fillRect(x + size / 3, y, size / 3 + 1, size);
        g.fillRect(x, y + size / 3, size, size / 3 + 1);
      }
      default -> {
        g.setStroke(new BasicStroke(3));
        g.drawOval(x, y, size, size);
      }
    }
    g.dispose();
    return img;
  }
}
