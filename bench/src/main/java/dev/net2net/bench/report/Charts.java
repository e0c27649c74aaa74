package dev.net2net.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line and bar charts (XChart), headless. */
public final class Charts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** One line: x, the mean y, and its spread (drawn as error bars; null for none). */
  public record Line(String name, double[] x, double[] y, double[] spread) {}

  public static void lines(
      Path file,
      String title,
      String xTitle,
      String yTitle,
      List<Line> lines,
      Double yMin,
      Double yMax) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.InsideSE);
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    styler.setPlotBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setMarkerSize(5);
    if (yMin != null) {
      chart.getStyler().setYAxisMin(yMin);
    }
    if (yMax != null) {
      chart.getStyler().setYAxisMax(yMax);
    }
    for (Line line : lines) {
      XYSeries s =
          line.spread() == null
              ? chart.addSeries(line.name(), line.x(), line.y())
              : chart.addSeries(line.name(), line.x(), line.y(), line.spread());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    save(chart, file);
  }

  /** Grouped bars: one group per category, one bar per series. */
  public static void bars(
      Path file,
      String title,
      String xTitle,
      String yTitle,
      List<String> categories,
      List<String> series,
      double[][] values,
      double[][] spread,
      boolean logY) {
    boolean longLabels = categories.stream().anyMatch(c -> c.length() > 12);
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(longLabels ? 760 : 560)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    if (longLabels) {
      chart.getStyler().setXAxisLabelRotation(60);
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    for (int s = 0; s < series.size(); s++) {
      List<Double> ys = new ArrayList<>();
      List<Double> es = new ArrayList<>();
      for (int c = 0; c < categories.size(); c++) {
        ys.add(values[s][c]);
        es.add(spread == null ? 0.0 : spread[s][c]);
      }
      if (spread == null) {
        chart.addSeries(series.get(s), categories, ys);
      } else {
        chart.addSeries(series.get(s), categories, ys, es);
      }
    }
    save(chart, file);
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      BitmapEncoder.saveBitmapWithDPI(chart, file.toString(), BitmapFormat.PNG, 110);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
