/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.mmipc.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The report's PNG charts: round trip p50 and p99 and streaming MB/s by message size, one series per transport
 * (medians over forks), both axes logarithmic.
 * <p>
 * Every axis carries tick labels in one decimal format ({@value #TICK_PATTERN}: {@code 0.1}, {@code 1,000},
 * {@code 10,000}, never {@code 1E4}): each axis spans whole decades, from the power of ten at or below its smallest
 * value to the one at or above its largest, and only the decades are labelled, so an axis always has at least two
 * labels (XChart labels decades only on a log axis: figures within one decade had none). Series differ by marker
 * and line style as well as by colour: no two series share both.
 */
final class Charts
{
    /** The one decimal format of every tick label. */
    static final String TICK_PATTERN = "#,##0.###";
    /** The markers series take in turn. */
    static final Marker[] MARKERS = { SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
        SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE, SeriesMarkers.TRAPEZOID };
    /** The line styles series take in turn: with the markers, {@code 10 × 4 / gcd} = 20 distinct pairs. */
    static final BasicStroke[] LINES = { SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT };

    /**
     * One chart of the report.
     *
     * @param file      its file name, without {@code .png}.
     * @param benchmark the benchmark it draws.
     * @param title     its title.
     * @param yTitle    its y axis title.
     * @param key       the value drawn.
     * @param scale     the factor from that value to the axis unit.
     */
    record Spec(String file, String benchmark, String title, String yTitle, String key, double scale)
    {
    }

    /** Every chart, in file order. */
    static final List<Spec> SPECS = List.of(
        new Spec("latency", Figure.ROUND_TRIP, "Round trip p50 by message size (median over forks)", "round trip p50 (µs)", "p50", 1e-3),
        new Spec("latency-p99", Figure.ROUND_TRIP, "Round trip p99 by message size (median over forks)", "round trip p99 (µs)",
            "p99", 1e-3),
        new Spec("throughput", Figure.STREAM, "One-way streaming by message size (median over forks)", "MB/s", "mbPerSec", 1));

    /** The x axis title of every chart. */
    static final String X_TITLE = "message size (bytes)";

    private Charts()
    {
    }

    /**
     * @param cells a run's figures.
     * @return each chart that has a series, by file name (without {@code .png}).
     */
    static Map<String, XYChart> build(final Cells cells)
    {
        final Map<String, XYChart> charts = new LinkedHashMap<>();
        for (final Spec spec : SPECS)
        {
            final XYChart chart = chart(cells, spec);
            if (!chart.getSeriesCollection().isEmpty())
            {
                charts.put(spec.file(), chart);
            }
        }
        return charts;
    }

    /**
     * Write each chart that has a series as {@code FILE.png}.
     *
     * @param cells a run's figures.
     * @param dir   the directory.
     * @throws IOException when a file cannot be written.
     */
    static void write(final Cells cells, final Path dir) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        for (final Map.Entry<String, XYChart> e : build(cells).entrySet())
        {
            // XChart 4 deprecates saving one chart; painting it and writing the image is what it did
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(e.getValue()), "png", dir.resolve(e.getKey() + ".png").toFile()))
            {
                throw new IOException("no png writer in this jdk: file=" + dir.resolve(e.getKey() + ".png"));
            }
        }
    }

    private static XYChart chart(final Cells cells, final Spec spec)
    {
        System.setProperty("java.awt.headless", "true");
        final XYChart chart = new XYChartBuilder().width(1000).height(600).title(spec.title())
            .xAxisTitle(X_TITLE).yAxisTitle(spec.yTitle()).build();
        final Styler styler = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisDecimalPattern(TICK_PATTERN);
        chart.getStyler().setYAxisDecimalPattern(TICK_PATTERN);
        styler.setLocale(Locale.ROOT);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setMarkerSize(8);
        styler.setChartBackgroundColor(Color.WHITE);
        final List<Double> allX = new ArrayList<>();
        final List<Double> allY = new ArrayList<>();
        int series = 0;
        for (final String subject : cells.subjects(spec.benchmark()))
        {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final int size : cells.sizes(spec.benchmark()))
            {
                final Spread s = cells.spread(spec.benchmark(), subject, size, spec.key());
                if (null != s && s.median() > 0 && Double.isFinite(s.median()))
                {
                    xs.add((double)size);
                    ys.add(s.median() * spec.scale());
                }
            }
            if (!xs.isEmpty())
            {
                final XYSeries line = chart.addSeries(subject, xs, ys);
                line.setMarker(MARKERS[series % MARKERS.length]);
                line.setLineStyle(LINES[series % LINES.length]);
                allX.addAll(xs);
                allY.addAll(ys);
                series++;
            }
        }
        if (series > 0)
        {
            chart.getStyler().setXAxisMin(decadeAtOrBelow(min(allX)));
            chart.getStyler().setXAxisMax(decadeAtOrAbove(max(allX)));
            chart.getStyler().setYAxisMin(decadeAtOrBelow(min(allY)));
            chart.getStyler().setYAxisMax(decadeAtOrAbove(max(allY)));
        }
        return chart;
    }

    /**
     * @param v a positive value.
     * @return the largest power of ten at or below it.
     */
    static double decadeAtOrBelow(final double v)
    {
        return decade(Math.floor(Math.log10(v) + 1e-9));
    }

    /**
     * @param v a positive value.
     * @return the smallest power of ten at or above it, and above the decade at or below it (an axis spans one
     *         decade at least).
     */
    static double decadeAtOrAbove(final double v)
    {
        final double up = Math.ceil(Math.log10(v) - 1e-9);
        final double down = Math.floor(Math.log10(v) + 1e-9);
        return decade(Math.max(up, down + 1));
    }

    private static double decade(final double exponent)
    {
        // exact for the powers a chart meets: parse "1E-3" rather than multiply
        return Double.parseDouble("1E" + (long)exponent);
    }

    private static double min(final List<Double> values)
    {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(final List<Double> values)
    {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
