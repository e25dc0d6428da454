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

/**
 * The one stall watch of mmipc: a waiter that finds itself blocked by another process's word (a lock word, a claimed
 * slot, an uncommitted record at the head of a ring) tells the watch where it is blocked and by which word; once the
 * same word at the same place has been seen unchanged for the liveness timeout, the watch says the owner is due
 * for a judgement, and the caller asks {@link Liveness} (through its recovery step, e.g.
 * {@link LockWord#takeOverIfDead}) whether that owner lives. While the owner lives and the word stays, the watch
 * says so again once per {@linkplain Liveness#recheckIntervalNs recheck interval} (the timeout, or one heartbeat
 * period if shorter), so that an owner in another PID namespace is recovered within one period of its heartbeat
 * going stale. A different place or word starts the watch again: a moving owner is never judged.
 * <p>
 * Used by every structure that waits on another process: {@code RingQueue} (the head of the ring), {@code
 * ManyToManyQueue} (the producer's and the consumer's blocking slot) and {@link LockWord} (the lock word, for
 * the sync primitives, pipe ends and the counters allocation lock).
 * <p>
 * Cheap: four fields, no allocation; {@link System#nanoTime()} is read only when the caller is blocked (the
 * caller's slow path), never on its fast path. Not thread-safe, and it need not be: threads that share one watch
 * (threads sharing a queue handle) can only make a judgement come earlier or later, never make a live owner look
 * dead, because the judgement, not the watch, decides.
 */
public final class StallWatch
{
    private final long livenessTimeoutNs;
    private long recheckIntervalNs;
    private long where;
    private long word;
    private long sinceNs;
    private boolean watching;

    /**
     * @param livenessTimeoutNs how long the same word may be seen before its owner is judged, positive.
     * @throws IllegalArgumentException when not positive.
     */
    public StallWatch(final long livenessTimeoutNs)
    {
        if (livenessTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("liveness timeout not positive: liveness_timeout_ns=" + livenessTimeoutNs);
        }
        this.livenessTimeoutNs = livenessTimeoutNs;
    }

    /**
     * @return the liveness timeout in nanoseconds.
     */
    public long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    /**
     * The caller is blocked, now, at {@code where} by {@code word}.
     *
     * @param where where the caller is blocked (a position; 0 when there is one place only).
     * @param word  the word that blocks it.
     * @return true when the same word at the same place has been seen for the liveness timeout (or for the recheck
     * interval since the last true): judge its owner now.
     */
    public boolean isDue(final long where, final long word)
    {
        return isDue(where, word, System.nanoTime());
    }

    /**
     * {@link #isDue(long, long)} at a given time, for tests.
     *
     * @param where where the caller is blocked.
     * @param word  the word that blocks it.
     * @param nowNs {@link System#nanoTime()} now.
     * @return true when the owner is due for a judgement.
     */
    boolean isDue(final long where, final long word, final long nowNs)
    {
        if (!watching || where != this.where || word != this.word)
        {
            this.watching = true;
            this.where = where;
            this.word = word;
            this.sinceNs = nowNs;
            return false;
        }
        if (nowNs - sinceNs < livenessTimeoutNs)
        {
            return false;
        }
        if (recheckIntervalNs == 0)
        {
            recheckIntervalNs = Liveness.recheckIntervalNs(livenessTimeoutNs); // read once, and only when due
        }
        sinceNs = nowNs - livenessTimeoutNs + recheckIntervalNs; // judged now: again after the recheck interval
        return true;
    }

    @Override
    public String toString()
    {
        return "StallWatch{liveness_timeout_ns=" + livenessTimeoutNs + ", watching=" + watching + ", where=" + where +
            ", word=" + word + ", since_ns=" + sinceNs + '}';
    }
}
