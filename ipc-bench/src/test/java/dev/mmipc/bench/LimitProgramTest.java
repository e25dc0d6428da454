package dev.mmipc.bench;

import dev.mmipc.bench.report.Figure;
import dev.mmipc.bench.report.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C limit program: built with the system {@code cc} and run briefly, its JSON read by the report; and the
 * note the report carries where there is no compiler.
 */
class LimitProgramTest
{
    private static final Path SOURCE = Path.of("..", "bench", "limit", "limit.c");

    @Test
    void shouldBuildAndRunTheLimitProgramWithCc(@TempDir final Path out) throws Exception
    {
        final String note = BenchMain.runLimit(SOURCE, out, "cc", 0.05, 1, List.of(32, 4096));
        assertNull(note, "cc is on this machine's PATH (the build image has gcc): " + note);
        final List<Figure> figures = Inputs.fromLimit(Files.readString(out.resolve("limit.json")));
        assertEquals(5, figures.size(), "cache line + (round trip + stream) x 2 sizes");
        for (final Figure f : figures)
        {
            final double v = Figure.STREAM.equals(f.benchmark()) ? f.get("msgsPerSec") : f.get("p50");
            assertTrue(v > 0, f.toString());
        }
    }

    @Test
    void shouldSayClearlyWhenThereIsNoCompiler(@TempDir final Path out) throws Exception
    {
        final String note = BenchMain.runLimit(SOURCE, out, "no-such-cc-for-mmipc", 0.05, 1, List.of(32));
        assertTrue(note.startsWith("no C compiler (no-such-cc-for-mmipc) on this machine: the limit row is missing"), note);
        assertFalse(Files.exists(out.resolve("limit.json")));
    }
}
