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

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.Axis_;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The charts, painted as they are written, then read back from XChart's own axes: each axis has its title and at
 * least two tick labels, all in one decimal format ({@code 1,000} and {@code 10,000}, never {@code 1E4}); no two
 * series share both marker and line style. Over the committed run the README names, and over figures within one
 * decade (where XChart's decade-only labels left an axis with none).
 */
class ChartsTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** One decimal format: digits grouped by commas, at most three decimals, no exponent. */
    private static final Pattern TICK = Pattern.compile("\\d{1,3}(,\\d{3})*(\\.\\d{1,3})?");

    @Test
    void shouldLabelEveryAxisOfEveryChartOfTheCommittedRun() throws Exception
    {
        final String run = ReadmeSection.run(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        final Map<String, XYChart> charts = Charts.build(ReportMain.load(ROOT.resolve(run)).cells());
        assertEquals(Charts.SPECS.stream().map(Charts.Spec::file).toList(), List.copyOf(charts.keySet()), run);
        for (final Map.Entry<String, XYChart> e : charts.entrySet())
        {
            assertLabelled(e.getKey(), e.getValue());
            assertDistinguishable(e.getKey(), e.getValue());
            assertTrue(e.getValue().getSeriesCollection().size() >= 10, e.getKey() + ": every transport of the run");
        }
    }

    @Test
    void shouldLabelAnAxisWhoseFiguresLieWithinOneDecade()
    {
        final SyntheticRun run = new SyntheticRun();
        for (int round = 0; round < 3; round++)
        {
            run.roundTrip(Report.MMIPC, 32, round, 200 + round).roundTrip("agrona", 32, round, 900)
                .roundTrip(Report.MMIPC, 64, round, 300).roundTrip("agrona", 64, round, 800)
                .stream(Report.MMIPC, 1000, round, 2e5).stream("agrona", 1000, round, 5e5)
                .stream(Report.MMIPC, 2000, round, 2e5).stream("agrona", 2000, round, 4e5);
        }
        final Map<String, XYChart> charts = Charts.build(run.report(List.of()).cells());
        assertEquals(3, charts.size());
        charts.forEach(ChartsTest::assertLabelled);
        final List<String> y = tickLabels(charts.get("throughput"), false);
        assertEquals(List.of("100", "1,000"), y, "200 to 800 MB/s: the axis spans 100 to 1,000");
        assertEquals(List.of("0.1", "1"), tickLabels(charts.get("latency"), false));
    }

    @Test
    void shouldSpanWholeDecades()
    {
        assertEquals(100.0, Charts.decadeAtOrBelow(100));
        assertEquals(1000.0, Charts.decadeAtOrAbove(100), "an axis spans one decade at least");
        assertEquals(0.1, Charts.decadeAtOrBelow(0.2));
        assertEquals(1.0, Charts.decadeAtOrAbove(0.2));
        assertEquals(10_000.0, Charts.decadeAtOrAbove(4096));
        assertEquals(0.001, Charts.decadeAtOrBelow(0.0032));
    }

    private static void assertLabelled(final String name, final XYChart chart)
    {
        BitmapEncoder.getBufferedImage(chart); // paints: XChart computes the ticks while painting
        assertEquals(Charts.X_TITLE, chart.getXAxisTitle(), name);
        assertFalse(chart.getYAxisTitle().isBlank(), name);
        assertTrue(chart.getStyler().isXAxisTitleVisible() && chart.getStyler().isYAxisTitleVisible(), name);
        assertTrue(chart.getStyler().isXAxisTicksVisible() && chart.getStyler().isYAxisTicksVisible(), name);
        for (final boolean x : new boolean[]{ true, false })
        {
            final List<String> labels = tickLabels(chart, x);
            assertTrue(labels.size() >= 2, name + (x ? " x" : " y") + " axis tick labels: " + labels);
            for (final String label : labels)
            {
                assertTrue(TICK.matcher(label).matches(), name + (x ? " x" : " y") + " axis tick label " + label + " in " + labels);
            }
        }
    }

    private static void assertDistinguishable(final String name, final XYChart chart)
    {
        final Set<String> styles = new HashSet<>();
        for (final XYSeries s : chart.getSeriesCollection())
        {
            assertTrue(styles.add(s.getMarker().getClass().getSimpleName() + " " + s.getLineStyle()),
                name + ": series " + s.getName() + " has the marker and line style of another");
        }
    }

    /** The non-empty tick labels XChart computed for an axis when it last painted the chart. */
    private static List<String> tickLabels(final XYChart chart, final boolean xAxis)
    {
        try
        {
            BitmapEncoder.getBufferedImage(chart);
            final Field pairField = AxesChart.class.getDeclaredField("axisPair");
            pairField.setAccessible(true);
            final Object pair = pairField.get(chart);
            final Method get = pair.getClass().getDeclaredMethod(xAxis ? "getXAxis" : "getYAxis");
            get.setAccessible(true);
            final Axis_<?, ?> axis = (Axis_<?, ?>)get.invoke(pair);
            return axis.getAxisTickCalculator().getTickLabels().stream().filter(Objects::nonNull).toList();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError("XChart's axes not readable (another XChart version?): " + ex, ex);
        }
    }
}
