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
package dev.mmipc.sync;

import dev.mmipc.liveness.LockWord;
import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.mmipc.sync.SyncDescriptor.*;

/**
 * Describes a sync region for tools ({@code mmipc inspect}) without a typed handle; reads with volatile loads
 * and takes no lock.
 * <p>
 * Keys, in order: {@code type}; then for locks ({@link SyncType#LOCK}, {@link SyncType#RLOCK},
 * {@link SyncType#CONDITION}) {@code owner_pid} (0 when free), {@code owner_start_ms} (the owner's process start
 * time as it recorded it, epoch ms; {@code unknown} until the owner has confirmed it, {@code -} when free),
 * {@code owner_pid_namespace} (inode of the owner's PID namespace as the namespace's liveness table records it;
 * {@code unknown} when the table does not, {@code -} when free), {@code owner_alive} ({@code yes}, {@code no} or
 * {@code -} when free), {@code owner_generation}, {@code recoveries}; for reentrant ones also {@code owner_thread}
 * and {@code hold_count}; for conditions and locks {@code condition_waiters}, {@code condition_wait_seq};
 * semaphores: {@code permits}, {@code initial_permits} (and {@code bound}); event: {@code set} ({@code true} or
 * {@code false}), {@code sets} (how many times set); latch: {@code count}, {@code initial_count}; barrier:
 * {@code parties}, {@code waiting}, {@code broken}, {@code generation}.
 */
public final class SyncInspector
{
    private SyncInspector()
    {
    }

    /**
     * @param region an open region of kind {@link RegionKind#SYNC}.
     * @return its state as ordered key/value pairs.
     * @throws IllegalArgumentException           for another kind.
     * @throws dev.mmipc.exceptions.RegionParameterException when its parameters are invalid.
     */
    public static Map<String, String> describe(final Region region)
    {
        if (region.kind() != RegionKind.SYNC)
        {
            throw new IllegalArgumentException("region kind not sync: name=" + region.name() + ", kind=" + region.kind());
        }
        final SyncType type = SyncRegion.checkParams(region);
        final AtomicBuffer params = region.params();
        final AtomicBuffer payload = region.payload();
        final long initial = params.getLong(INITIAL_PARAM_OFFSET);
        final long state = payload.getLongVolatile(STATE_OFFSET);
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("type", type.name());
        switch (type)
        {
            case LOCK:
            case RLOCK:
            case CONDITION:
                final LockWord owner = new LockWord(region.name(), region.liveness(), payload, OWNER_WORD_OFFSET,
                    OWNER_START_OFFSET, OWNER_CONFIRM_OFFSET);
                final long word = owner.current();
                final long pid = LockWord.pid(word);
                // the start time names the owner only once its confirm field holds this word (acquire: pairs with
                // the owner's release store); before that, as when free, it is unknown
                final long startMs = pid != 0 && payload.getLongAcquire(OWNER_CONFIRM_OFFSET) == word ?
                    payload.getLong(OWNER_START_OFFSET) : ProcessIdentity.UNKNOWN_START;
                final long pidNamespace = pid == 0 ? PidNamespace.UNKNOWN : region.liveness().pidNamespaceOf(pid, startMs);
                map.put("owner_pid", Long.toString(pid));
                map.put("owner_start_ms", pid == 0 ? "-" : startMs == ProcessIdentity.UNKNOWN_START ? "unknown" :
                    Long.toString(startMs));
                map.put("owner_pid_namespace", pid == 0 ? "-" : pidNamespace == PidNamespace.UNKNOWN ? "unknown" :
                    Long.toString(pidNamespace));
                map.put("owner_alive", pid == 0 ? "-" : owner.ownerAlive(word) ? "yes" : "no");
                map.put("owner_generation", Integer.toUnsignedString(LockWord.generation(word)));
                map.put("recoveries", Long.toString(payload.getLongVolatile(RECOVERIES_OFFSET)));
                if (type != SyncType.LOCK)
                {
                    map.put("owner_thread", Long.toString(payload.getLongVolatile(OWNER_THREAD_OFFSET)));
                    map.put("hold_count", Long.toString(payload.getLongVolatile(HOLD_COUNT_OFFSET)));
                }
                final long condition = payload.getLongVolatile(CONDITION_OFFSET);
                map.put("condition_waiters", Integer.toString(conditionWaiters(condition)));
                map.put("condition_wait_seq", Integer.toUnsignedString(conditionWaitSeq(condition)));
                break;

            case SEMAPHORE:
            case BOUNDED_SEMAPHORE:
                map.put("permits", Long.toString(state));
                map.put("initial_permits", Long.toString(initial));
                if (type == SyncType.BOUNDED_SEMAPHORE)
                {
                    map.put("bound", Long.toString(params.getLong(BOUND_PARAM_OFFSET)));
                }
                break;

            case EVENT:
                map.put("set", Boolean.toString((state & 1) != 0));
                map.put("sets", Long.toString(state >>> 1));
                break;

            case COUNT_DOWN_LATCH:
                map.put("count", Long.toString(state));
                map.put("initial_count", Long.toString(initial));
                break;

            default:
                map.put("parties", Long.toString(initial));
                map.put("waiting", Long.toString(Math.min(initial, state & 0x7FFF_FFFFL)));
                map.put("broken", Boolean.toString((state & (1L << 31)) != 0));
                map.put("generation", Long.toString((state >>> 32) & 0xFFFFL));
                break;
        }
        return map;
    }
}
