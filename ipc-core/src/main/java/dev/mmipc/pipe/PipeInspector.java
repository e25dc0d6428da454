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

import dev.mmipc.liveness.LockWord;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.mmipc.pipe.PipeDescriptor.*;

/**
 * Describes a pipe region for tools ({@code mmipc inspect}); reads with volatile loads and takes no lock.
 * <p>
 * Keys, in order: {@code mode} ({@code duplex} or {@code one-way}), {@code capacity_bytes},
 * {@code first_end} and {@code second_end} (each {@code state=new|open|closed, pid=N, alive=yes|no|-}), then
 * {@code to_first_bytes} and, when duplex, {@code to_second_bytes}: bytes waiting to be received by that end.
 */
public final class PipeInspector
{
    private PipeInspector()
    {
    }

    /**
     * @param region an open region of kind {@link RegionKind#PIPE}.
     * @return its state as ordered key/value pairs.
     * @throws IllegalArgumentException           for another kind.
     * @throws dev.mmipc.exceptions.RegionParameterException when its parameters are invalid.
     */
    public static Map<String, String> describe(final Region region)
    {
        if (region.kind() != RegionKind.PIPE)
        {
            throw new IllegalArgumentException("region kind not pipe: name=" + region.name() + ", kind=" + region.kind());
        }
        Pipe.checkParams(region);
        final boolean duplex = Pipe.isDuplex(region);
        final int capacity = Pipe.capacity(region);
        final AtomicBuffer payload = region.payload();
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("mode", duplex ? "duplex" : "one-way");
        map.put("capacity_bytes", Integer.toString(capacity));
        map.put("first_end", end(region, payload, PipeEnd.FIRST));
        map.put("second_end", end(region, payload, PipeEnd.SECOND));
        map.put("to_first_bytes", Integer.toString(
            Connection.ring(payload, ringOffset(PipeEnd.FIRST, capacity), capacity).size()));
        if (duplex)
        {
            map.put("to_second_bytes", Integer.toString(
                Connection.ring(payload, ringOffset(PipeEnd.SECOND, capacity), capacity).size()));
        }
        return map;
    }

    private static String end(final Region region, final AtomicBuffer payload, final PipeEnd end)
    {
        final long state = payload.getLongVolatile(endOffset(end) + END_STATE_OFFSET);
        final LockWord owner = PipeEnds.owner(region, payload, end);
        final long word = owner.current();
        final long pid = LockWord.pid(word);
        final String stateName = state == STATE_NEW ? "new" : state == STATE_OPEN ? "open" : state == STATE_CLOSED ?
            "closed" : "unknown(" + state + ")";
        return "state=" + stateName + ", pid=" + pid + ", alive=" + (pid == 0 ? "-" : owner.ownerAlive(word) ? "yes" : "no");
    }
}
