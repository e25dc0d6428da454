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

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A class outside the job codec's allowlist. Only the child producer ever makes one; the test JVM that
 * consumes must never initialise or construct it, which {@link QueueMarkers} would show.
 */
public final class EvilTask implements Serializable
{
    private static final long serialVersionUID = 1L;

    static
    {
        QueueMarkers.record("EvilTask.<clinit>");
    }

    final String command;

    /**
     * @param command anything.
     */
    public EvilTask(final String command)
    {
        QueueMarkers.record("EvilTask.<init>");
        this.command = command;
    }

    private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
    {
        QueueMarkers.record("EvilTask.readObject");
        in.defaultReadObject();
    }
}
