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
package dev.mmipc.region;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child JVM that locks a file the way another process would, to see the locks region handles hold.
 * <ul>
 * <li>{@code try-exclusive FILE}: prints {@code free} when an exclusive lock could be taken (then drops it),
 * {@code busy} when some process holds a lock on the file; exits.</li>
 * <li>{@code hold-exclusive FILE} / {@code hold-shared FILE}: takes the lock, prints {@code holding}, keeps it
 * until killed (or 120 s pass): a remover stopped half-way, or a process holding a region.</li>
 * </ul>
 */
public final class LockProbe
{
    private LockProbe()
    {
    }

    /**
     * @param args mode and file.
     * @throws Exception when the file cannot be opened.
     */
    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final FileLock lock = channel.tryLock(0, Long.MAX_VALUE, mode.equals("hold-shared"));
            if (mode.equals("try-exclusive"))
            {
                System.out.println(lock == null ? "busy" : "free");
                return;
            }
            if (lock == null)
            {
                System.out.println("busy");
                System.exit(3);
            }
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
