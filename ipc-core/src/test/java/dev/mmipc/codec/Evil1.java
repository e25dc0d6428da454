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
