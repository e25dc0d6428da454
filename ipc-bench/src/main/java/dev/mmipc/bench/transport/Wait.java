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
 * A bounded busy wait: the spinning side of every shared-memory endpoint, and the benchmark while it waits for a
 * message, calls {@link #idle()} when it found nothing to do, and gets an {@link IllegalStateException} after
 * {@link Transport#WAIT_TIMEOUT_NS} without progress or as soon as the other process is gone.
 */
public final class Wait
{
    private static final int CHECK_MASK = (1 << 14) - 1;

    private final String what;
    private final ProcessHandle other;
    private final long timeoutNs;
    private int spins;
    private long deadlineNs;

    /**
     * @param what  what is waited for, for the error message.
     * @param other the process on the other side, or null when none is known.
     * @param timeoutNs how long one wait may take, or 0 for as long as {@code other} lives.
     */
    Wait(final String what, final ProcessHandle other, final long timeoutNs)
    {
        this.what = what;
        this.other = other;
        this.timeoutNs = timeoutNs;
    }

    /**
     * @param what what is waited for.
     * @param side which side waits.
     * @return the wait of that side: the benchmark side bounded by {@link Transport#WAIT_TIMEOUT_NS} and the
     *         peer's life, the peer side bounded by its parent's life.
     */
    public static Wait of(final String what, final Side side)
    {
        return side.isPeer() ? new Wait(what, parent(), 0) : new Wait(what, side.peer(), Transport.WAIT_TIMEOUT_NS);
    }

    /**
     * Called after progress: the next wait starts a fresh bound.
     */
    public void reset()
    {
        spins = 0;
    }

    /**
     * Called when there was nothing to do.
     */
    public void idle()
    {
        final int s = ++spins;
        if (s == 1)
        {
            deadlineNs = 0;
        }
        if ((s & CHECK_MASK) == 0)
        {
            final long now = System.nanoTime();
            if (deadlineNs == 0)
            {
                deadlineNs = now + timeoutNs;
            }
            else if (timeoutNs > 0 && now - deadlineNs > 0)
            {
                throw new IllegalStateException("transport wait timed out: what=" + what);
            }
            if (null != other && !other.isAlive())
            {
                throw new IllegalStateException("transport peer gone: what=" + what + ", pid=" + other.pid());
            }
        }
        Thread.onSpinWait();
    }

    /**
     * @return the process on the other side as seen from the peer JVM: its parent.
     */
    static ProcessHandle parent()
    {
        return ProcessHandle.current().parent().orElse(null);
    }
}
