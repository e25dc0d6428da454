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

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.util.Objects;

/**
 * Who judges, and with what: the judging process's identity and PID namespace, whether its {@code /proc} is its
 * own namespace's, how it asks the OS about a pid, and its epoch clock. Tests inject their own.
 */
final class Viewpoint
{
    /**
     * The OS check: is the process with this pid and start time alive, as this process's {@code /proc} shows it?
     */
    @FunctionalInterface
    interface ProcessCheck
    {
        /**
         * @param pid     a pid of the judge's PID namespace.
         * @param startMs its start time, epoch ms, or {@link ProcessIdentity#UNKNOWN_START}.
         * @return true if alive.
         */
        boolean isAlive(long pid, long startMs);
    }

    /** The running process, asking the OS through {@link ProcessIdentity#isAlive(long, long)}. */
    static final Viewpoint CURRENT = new Viewpoint(
        ProcessIdentity.current(), PidNamespace.current(), PidNamespace.procIsOwn(), ProcessIdentity::isAlive,
        SystemEpochClock.INSTANCE);

    final ProcessIdentity self;
    final long pidNamespace;
    final boolean procIsOwn;
    final ProcessCheck os;
    final EpochClock clock;

    Viewpoint(
        final ProcessIdentity self, final long pidNamespace, final boolean procIsOwn, final ProcessCheck os,
        final EpochClock clock)
    {
        this.self = Objects.requireNonNull(self, "self");
        this.pidNamespace = pidNamespace;
        this.procIsOwn = procIsOwn;
        this.os = Objects.requireNonNull(os, "os");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param slotPidNamespace the PID namespace a slot records.
     * @return true when the OS of this judge can answer for that slot's pid: same namespace, and a {@code /proc}
     * of that namespace.
     */
    boolean canAskOs(final long slotPidNamespace)
    {
        return procIsOwn && slotPidNamespace == pidNamespace;
    }
}
