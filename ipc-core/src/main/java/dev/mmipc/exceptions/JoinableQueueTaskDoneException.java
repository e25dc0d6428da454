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
 * {@link dev.mmipc.queue.JoinableQueue#taskDone()} was called more times than elements were put: the unfinished-task count
 * would go below zero (Python raises {@code ValueError}). The count is left unchanged.
 */
public final class JoinableQueueTaskDoneException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, in {@code what: key=value} form.
     */
    public JoinableQueueTaskDoneException(final String message)
    {
        super(message);
    }
}
