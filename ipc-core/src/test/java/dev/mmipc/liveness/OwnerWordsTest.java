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

import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two owner encodings of {@link OwnerWords}, bit by bit as the diagrams draw them, their edge values and what
 * they refuse; and {@link LockWord}'s operations on a word in memory.
 */
class OwnerWordsTest
{
    private static final long MAX_PID = 4_194_303; // 2^22 - 1

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldHoldPidsOfTwentyTwoBits()
    {
        assertEquals(22, OwnerWords.PID_BITS);
        assertEquals(MAX_PID, OwnerWords.MAX_PID);
        assertEquals(MAX_PID, LockWord.MAX_PID);
        assertEquals(1, OwnerWords.checkPid(1));
        assertEquals(MAX_PID, OwnerWords.checkPid(MAX_PID));
        assertEquals(ProcessHandle.current().pid(), OwnerWords.selfPid());
        for (final long bad : new long[]{ 0, -1, MAX_PID + 1, 1L << 31, Long.MAX_VALUE, Long.MIN_VALUE })
        {
            assertEquals("pid out of range: pid=" + bad + ", min=1, max=4194303",
                assertThrows(IllegalArgumentException.class, () -> OwnerWords.checkPid(bad)).getMessage());
        }
    }

    @Test
    void shouldPlaceThePidAboveTheGenerationInALockWord()
    {
        assertEquals(0x0000_0007_0000_0005L, OwnerWords.lockWord(7, 5), "pid at bit 32, generation below");
        assertEquals(MAX_PID << 32 | 0xFFFF_FFFFL, OwnerWords.lockWord(MAX_PID, -1), "all bits of both fields");
        assertEquals(0L, OwnerWords.lockWord(MAX_PID, 0) >>> 54, "bits 54 to 63 never stored");
        assertEquals(0x0000_0000_0000_0009L, OwnerWords.lockWord(0, 9), "pid 0: free, generation kept");
        assertEquals(0L, OwnerWords.lockWord(3, 1L << 32) & 0xFFFF_FFFFL, "generations count modulo 2^32");

        final long word = OwnerWords.lockWord(MAX_PID, 0x8000_0001L);
        assertEquals(MAX_PID, OwnerWords.lockPid(word));
        assertEquals(0x8000_0001, OwnerWords.lockGeneration(word));
        assertFalse(OwnerWords.tookOver(word));
        final long tookOver = word | OwnerWords.TOOK_OVER;
        assertEquals(Long.MIN_VALUE, OwnerWords.TOOK_OVER, "bit 63");
        assertTrue(OwnerWords.tookOver(tookOver));
        assertEquals(MAX_PID, OwnerWords.lockPid(tookOver), "the flag is not part of the pid");
        assertEquals(0, OwnerWords.lockPid(0));

        assertEquals("pid out of range: pid=4194304, min=1, max=4194303",
            assertThrows(IllegalArgumentException.class, () -> OwnerWords.lockWord(MAX_PID + 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OwnerWords.lockWord(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> OwnerWords.lockWord(Long.MIN_VALUE, 0));
        assertThrows(IllegalArgumentException.class, () -> OwnerWords.lockWord(1L << 31, 0), "the old limit is gone");
    }

    @Test
    void shouldPlaceTheStartTimeAboveThePidInAnIdentityWord()
    {
        assertEquals(1_577_836_800_000L, OwnerWords.START_EPOCH_MS, "2020-01-01T00:00:00Z");
        final long startMs = OwnerWords.START_EPOCH_MS + 123_456_789L;
        final long identity = OwnerWords.identity(MAX_PID, startMs);
        assertEquals(123_456_789L << 22 | MAX_PID, identity);
        assertEquals((int)MAX_PID, OwnerWords.identityPid(identity));
        assertEquals(startMs, OwnerWords.identityStartMs(identity));

        final long latest = OwnerWords.START_EPOCH_MS + OwnerWords.MAX_START_OFFSET_MS;
        final long last = OwnerWords.identity(1, latest);
        assertEquals(Long.MAX_VALUE - MAX_PID + 1, last, "41 bits of start time, bit 63 clear");
        assertEquals(latest, OwnerWords.identityStartMs(last));
        assertEquals(1, OwnerWords.identityPid(last));

        final ProcessIdentity self = ProcessIdentity.current();
        assertEquals(OwnerWords.identity(self), OwnerWords.selfIdentity());
        assertEquals(self.pid(), OwnerWords.identityPid(OwnerWords.selfIdentity()));
        assertEquals(self.startTimeMs(), OwnerWords.identityStartMs(OwnerWords.selfIdentity()));
    }

    @Test
    void shouldStoreAStartTimeItCannotHoldAsUnknownAndRefuseBadPids()
    {
        for (final long start : new long[]{
            ProcessIdentity.UNKNOWN_START, OwnerWords.START_EPOCH_MS, OwnerWords.START_EPOCH_MS - 1, -1,
            Long.MIN_VALUE, Long.MAX_VALUE, OwnerWords.START_EPOCH_MS + OwnerWords.MAX_START_OFFSET_MS + 1 })
        {
            final long identity = OwnerWords.identity(77, start);
            assertEquals(77L, identity, "start " + start + " stored as unknown: judged by pid alone");
            assertEquals(ProcessIdentity.UNKNOWN_START, OwnerWords.identityStartMs(identity));
        }
        for (final long bad : new long[]{ 0, -1, MAX_PID + 1, Long.MAX_VALUE, Long.MIN_VALUE })
        {
            assertEquals("pid out of range: pid=" + bad + ", min=1, max=4194303",
                assertThrows(IllegalArgumentException.class, () -> OwnerWords.identity(bad, 1)).getMessage());
        }
        assertEquals(0, OwnerWords.identityPid(0), "0 is nobody");
        assertEquals(ProcessIdentity.UNKNOWN_START, OwnerWords.identityStartMs(0));
        assertEquals((int)MAX_PID, OwnerWords.identityPid(-1L), "any stored value decodes");
    }

    @Test
    void shouldTakeReleaseAndJudgeALockWordInMemory()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final Liveness judge = Liveness.register(ns.path());
        final LockWord lock = new LockWord("w", judge, buffer, 0, 8, 16);
        buffer.putLong(0, OwnerWords.lockWord(0, 41));

        final long held = lock.tryAcquire();
        assertEquals(OwnerWords.lockWord(OwnerWords.selfPid(), 42), held, "generation incremented");
        assertEquals(held, buffer.getLong(0));
        assertEquals(ProcessIdentity.current().startTimeMs(), buffer.getLong(8), "start time stamped");
        assertEquals(held, buffer.getLong(16), "confirmed");
        assertTrue(lock.isOwnedByThisProcess());
        assertTrue(lock.ownerAlive(held));
        assertEquals(0, lock.tryAcquire(), "owned");
        assertEquals(0, lock.takeOverIfDead(held, 1_000_000), "a live owner is never overridden");
        assertTrue(lock.release(held));
        assertEquals(OwnerWords.lockWord(0, 42), buffer.getLong(0), "released, generation kept");
        assertFalse(lock.release(held), "released once");
        assertFalse(lock.ownerAlive(buffer.getLong(0)), "a free word has no owner");

        // an owner that never lived: pid 4194303 with a start time no process has; confirmed
        final long dead = OwnerWords.lockWord(MAX_PID, 7);
        buffer.putLong(0, dead);
        buffer.putLong(8, 1);
        buffer.putLong(16, dead);
        final long took = lock.takeOverIfDead(dead, 1_000_000);
        assertTrue(LockWord.tookOver(took));
        assertEquals(OwnerWords.lockWord(OwnerWords.selfPid(), 8), took & ~LockWord.TOOK_OVER);
        assertEquals(took & ~LockWord.TOOK_OVER, lock.current());
        assertEquals(took & ~LockWord.TOOK_OVER, lock.releaseAny());
        assertEquals(0, lock.releaseAny(), "free");
    }
}
