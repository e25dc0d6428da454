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
