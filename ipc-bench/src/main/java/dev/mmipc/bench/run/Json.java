package dev.mmipc.bench.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How every JSON file of a run is written: pretty, nulls kept, no HTML escaping, a final newline.
 */
public final class Json
{
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private Json()
    {
    }

    /**
     * @param file  the file, replaced.
     * @param value maps, lists, strings, numbers, Gson trees.
     * @throws IOException when it cannot be written.
     */
    public static void write(final Path file, final Object value) throws IOException
    {
        Files.writeString(file, GSON.toJson(value) + "\n", StandardCharsets.UTF_8);
    }
}
