package dev.mmipc.queue;

import dev.mmipc.MmipcException;

/**
 * {@link JoinableQueue#taskDone()} was called more times than elements were put: the unfinished-task count
 * would go below zero (Python raises {@code ValueError}). The count is left unchanged.
 */
public class JoinableQueueTaskDoneException extends MmipcException
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
