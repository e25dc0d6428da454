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
package dev.mmipc.pipe;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.sync.SyncOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM for the pipe tests. Modes: {@code chat NAME} (sends "hello father", expects "hi son"),
 * {@code echo NAME} (echoes strings and bytes until EOF), {@code send-and-hang NAME} (sends, then sleeps to be killed).
 */
public final class PipeChild
{
    private PipeChild()
    {
    }

    /**
     * @param args mode and pipe name.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.open();
        final SyncOptions fast = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(100));
        try (Connection<String> conn = Pipe.connect(ns, args[1], PipeEnd.SECOND, Codecs.utf8(), fast))
        {
            switch (args[0])
            {
                case "chat":
                    conn.send("hello father");
                    if (!conn.poll(30, TimeUnit.SECONDS))
                    {
                        System.exit(4);
                    }
                    System.out.println("got: " + conn.recv());
                    break;

                case "echo":
                    while (true)
                    {
                        final byte[] bytes;
                        try
                        {
                            bytes = conn.recvBytes(1 << 12);
                        }
                        catch (final java.io.EOFException ex)
                        {
                            System.out.println("eof: " + ex.getMessage());
                            return;
                        }
                        conn.sendBytes(bytes);
                    }

                case "send-and-hang":
                    conn.send("last words");
                    System.out.println("sent");
                    System.out.flush();
                    Thread.sleep(120_000);
                    System.exit(3);
                    break;

                default:
                    throw new IllegalArgumentException("unknown mode: " + args[0]);
            }
        }
    }
}
