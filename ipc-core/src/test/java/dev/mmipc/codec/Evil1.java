package dev.mmipc.codec;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A class no allowlist admits, which records every step of its life in {@link Markers}. Tests never create
 * one in the test JVM: they serialize its twin {@link Twin1} and rename it in the bytes.
 */
final class Evil1 implements Serializable
{
    private static final long serialVersionUID = 1L;

    static
    {
        Markers.record("Evil1.<clinit>");
    }

    int payload;

    Evil1(final int payload)
    {
        Markers.record("Evil1.<init>");
        this.payload = payload;
    }

    private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
    {
        Markers.record("Evil1.readObject");
        in.defaultReadObject();
    }

    private Object readResolve()
    {
        Markers.record("Evil1.readResolve");
        return this;
    }
}
