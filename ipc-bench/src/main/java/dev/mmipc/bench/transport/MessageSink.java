package dev.mmipc.bench.transport;

import org.agrona.DirectBuffer;

/**
 * Receives one message from {@link Endpoint#poll}, in place where the transport allows it: the bytes are valid
 * only during the call.
 */
@FunctionalInterface
public interface MessageSink
{
    /**
     * @param buffer holds the message; not to be written.
     * @param offset where it starts.
     * @param length its bytes.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
