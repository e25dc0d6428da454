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
package dev.mmipc.bench.transport;

/**
 * Which JVM an endpoint lives in, and the other process when the benchmark side knows it.
 *
 * @param isPeer true in the peer JVM.
 * @param peer   the peer process seen from the benchmark JVM, or null in the peer.
 */
public record Side(boolean isPeer, ProcessHandle peer)
{
    /** The peer JVM's side. */
    public static final Side PEER = new Side(true, null);

    /**
     * @param peer the peer process.
     * @return the benchmark JVM's side.
     */
    public static Side bench(final Process peer)
    {
        return new Side(false, peer.toHandle());
    }

    /**
     * @return "bench" or "peer".
     */
    public String label()
    {
        return isPeer ? "peer" : "bench";
    }
}
