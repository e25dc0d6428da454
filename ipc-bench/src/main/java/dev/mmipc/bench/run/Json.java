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
