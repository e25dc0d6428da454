package dev.mmipc.queue;

import org.agrona.DirectBuffer;

/**
 * Receives one message from a {@link MessageQueue}, in place: no copy, no allocation.
 * <p>
 * The bytes are valid only during the call; copy out what must outlive it. If the handler throws, the
 * message counts as consumed and the exception propagates to the caller of {@code poll}/{@code take}/
 * {@code drain}.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param buffer holds the message; valid only during this call, and not to be written.
     * @param offset where the message starts in {@code buffer}.
     * @param length bytes of the message.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
