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
package dev.mmipc.exceptions;

/**
 * A pool worker process died while it held a task: the task's future fails with this exception, which names
 * the worker's pid and exit code ({@code -N} when signal N killed it, as in Python).
 */
public final class WorkerDiedException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /** @serial pid of the worker that died */
    private final long pid;
    /** @serial its exit code, -N when signal N killed it */
    private final int exitCode;

    /**
     * @param message  what happened, in {@code what: key=value} form.
     * @param pid      the worker's pid.
     * @param exitCode its exit code, negative for a signal.
     */
    public WorkerDiedException(final String message, final long pid, final int exitCode)
    {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /**
     * @return the dead worker's pid.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return its exit code: the status it exited with, or {@code -N} when signal N killed it.
     */
    public int exitCode()
    {
        return exitCode;
    }
}
