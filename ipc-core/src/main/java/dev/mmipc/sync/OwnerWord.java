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

import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.LockWord;
import dev.mmipc.liveness.StallWatch;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.BooleanSupplier;

/**
 * A robust owner word with a blocking acquire: the {@link LockWord} of {@code dev.mmipc.liveness} (encoding, the
 * non-blocking operations, the owner's judgement and the takeover, documented there) plus the wait, which stays in
 * this package because it waits through {@link WaitStrategy}, a layer above {@code liveness}.
 * <p>
 * A waiter watches the word with a {@link StallWatch}: once the same word has been seen for the liveness timeout it
 * asks whether the owner lives ({@link LockWord#takeOverIfDead}), and asks again once per recheck interval (at most
 * one heartbeat period) while it waits. A dead owner's word is taken over by exactly one waiter, and that waiter is
 * told so: the value returned has {@link #TOOK_OVER} set (test with {@link #tookOver(long)}).
 */
public final class OwnerWord extends LockWord
{
    /**
     * @param name          the region's name, for messages.
     * @param liveness      the judge of the namespace directory the region is in.
     * @param buffer        the memory holding the three fields.
     * @param wordOffset    offset of the word (8-byte aligned).
     * @param startOffset   offset of the owner's start time.
     * @param confirmOffset offset of the confirm field.
     */
    public OwnerWord(
        final String name, final Liveness liveness, final AtomicBuffer buffer, final int wordOffset,
        final int startOffset, final int confirmOffset)
    {
        super(name, liveness, buffer, wordOffset, startOffset, confirmOffset);
    }

    /**
     * @param name          the region's name, for messages.
     * @param lock          what the word guards, for the takeover report (see {@link LockWord}).
     * @param liveness      the judge of the namespace directory the region is in.
     * @param buffer        the memory holding the three fields.
     * @param wordOffset    offset of the word (8-byte aligned).
     * @param startOffset   offset of the owner's start time.
     * @param confirmOffset offset of the confirm field.
     */
    public OwnerWord(
        final String name, final String lock, final Liveness liveness, final AtomicBuffer buffer,
        final int wordOffset, final int startOffset, final int confirmOffset)
    {
        super(name, lock, liveness, buffer, wordOffset, startOffset, confirmOffset);
    }

    /**
     * Take the word, waiting through {@code wait}; a dead owner is taken over once the same word has been
     * seen for {@code livenessTimeoutNs}, and always checked once more before giving up.
     *
     * @param wait              how to wait.
     * @param livenessTimeoutNs how long the same owner may keep the word before its liveness is checked.
     * @param timeoutNs         bound on the wait; {@code Long.MAX_VALUE} for ever.
     * @return the word now held, with {@link #TOOK_OVER} set when taken from a dead owner; 0 on timeout.
     * @throws InterruptedException when interrupted; the flag is cleared.
     */
    public long acquire(final WaitStrategy wait, final long livenessTimeoutNs, final long timeoutNs)
        throws InterruptedException
    {
        WaitStrategy.checkInterrupted();
        final long held = tryAcquire();
        if (held != 0)
        {
            return held;
        }
        final Attempt attempt = new Attempt(livenessTimeoutNs);
        if (wait.awaitNanos(attempt, timeoutNs))
        {
            return attempt.held;
        }
        // before giving up, so that a timeout shorter than the liveness timeout never fails on a dead owner
        final long word = current();
        if (pid(word) == 0)
        {
            return tryAcquire();
        }
        return takeOverIfDead(word, livenessTimeoutNs);
    }

    /**
     * One contended acquire: its stall watch, and the word once held. Allocated once per acquire that has to wait.
     */
    private final class Attempt implements BooleanSupplier
    {
        private final StallWatch watch;
        private long held;

        private Attempt(final long livenessTimeoutNs)
        {
            this.watch = new StallWatch(livenessTimeoutNs);
        }

        @Override
        public boolean getAsBoolean()
        {
            final long word = current();
            if (pid(word) == 0)
            {
                held = tryAcquire();
                return held != 0;
            }
            if (watch.isDue(0, word))
            {
                held = takeOverIfDead(word, watch.livenessTimeoutNs()); // alive: the watch says when to ask again
                return held != 0;
            }
            return false;
        }
    }
}
