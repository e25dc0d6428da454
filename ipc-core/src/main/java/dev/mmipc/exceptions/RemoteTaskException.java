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
 * A task threw in another process. The exception's stack trace is the remote one (the frames of the worker
 * where the task threw), its message names the remote exception's class and message, and its cause chain
 * mirrors the remote cause chain, each link again a {@code RemoteTaskException}.
 * <p>
 * The remote exception object itself is not sent: only its class name, message and frames, so that no
 * class needs to be deserialized to report a failure.
 */
public final class RemoteTaskException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /** @serial class name of the exception thrown in the other process */
    private final String remoteClassName;
    /** @serial the remote exception's message, or null */
    private final String remoteMessage;
    /** @serial pid of the process where the task threw */
    private final long pid;

    /**
     * @param message         the whole message, in {@code what: key=value} form.
     * @param remoteClassName class name of the exception thrown remotely.
     * @param remoteMessage   its message, or null.
     * @param pid             the process it was thrown in.
     * @param stackTrace      its frames.
     * @param cause           the remote cause, or null.
     */
    public RemoteTaskException(
        final String message, final String remoteClassName, final String remoteMessage, final long pid,
        final StackTraceElement[] stackTrace, final RemoteTaskException cause)
    {
        super(message, cause);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.pid = pid;
        setStackTrace(stackTrace);
    }

    /**
     * @return the class name of the exception thrown remotely, e.g. {@code java.lang.IllegalStateException}.
     */
    public String remoteClassName()
    {
        return remoteClassName;
    }

    /**
     * @return the remote exception's message, or null.
     */
    public String remoteMessage()
    {
        return remoteMessage;
    }

    /**
     * @return the pid of the process that threw it.
     */
    public long pid()
    {
        return pid;
    }
}
