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
package dev.mmipc.queue;

import dev.mmipc.codec.SerializableCodec;

import java.io.Serializable;

/**
 * A test element: an id, some text and a checksum over both, serialized across processes.
 *
 * @param producer which producer made it.
 * @param id       its sequence number.
 * @param text     a payload of varying length.
 * @param checksum {@link #checksumOf(int, int, String)} of the above.
 */
public record Job(int producer, int id, String text, long checksum) implements Serializable
{
    /**
     * @param producer which producer.
     * @param id       sequence number.
     * @return a job with a payload whose length varies with the id.
     */
    public static Job of(final int producer, final int id)
    {
        final String text = "job-" + id + "-" + "x".repeat(id % 50);
        return new Job(producer, id, text, checksumOf(producer, id, text));
    }

    /**
     * @param producer which producer.
     * @param id       sequence number.
     * @param text     payload.
     * @return a checksum over all three.
     */
    public static long checksumOf(final int producer, final int id, final String text)
    {
        return ((long)producer * 1_000_003L + id) * 31 + text.hashCode();
    }

    /**
     * @return true if the checksum matches.
     */
    public boolean valid()
    {
        return checksum == checksumOf(producer, id, text);
    }

    /**
     * @return the codec every test process uses for jobs: the job record and String only.
     */
    public static SerializableCodec<Job> codec()
    {
        return SerializableCodec.builder(Job.class).allowClass(String.class).maxBytes(4096).build();
    }
}
