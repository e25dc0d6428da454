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
package dev.mmipc.liveness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link LivenessTest}: {@code LivenessChild DIR GO}: prints {@code ready}, waits (at most 60 s) for
 * the file {@code GO}, registers in {@code DIR} at once, so that several children race, prints
 * {@code slot=INDEX pid=PID start=START_MS} and exits.
 */
public final class LivenessChild
{
    private LivenessChild()
    {
    }

    /**
     * @param args directory, go file.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final Path go = Path.of(args[1]);
        System.out.println("ready");
        System.out.flush();
        final long deadlineNs = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                System.exit(3);
            }
            Thread.onSpinWait();
        }
        final Liveness liveness = Liveness.register(dir);
        final ProcessIdentity self = ProcessIdentity.current();
        System.out.println("slot=" + liveness.registration().claim().index() + " pid=" + self.pid() + " start=" +
            self.startTimeMs());
    }
}
