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
package dev.mmipc.queue;

/**
 * Who may produce and who may consume on a {@link MessageQueue}. The mode is stored in the queue's header,
 * so every process that opens the queue by name gets the mode it was created with.
 */
public enum QueueMode
{
    /**
     * One producer process (one thread at a time), one consumer process (one thread at a time): Agrona's
     * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer}. Messages are delivered in the order
     * they were offered.
     */
    ONE_TO_ONE(1),

    /**
     * Any number of producer threads in any number of processes, one consumer (one thread at a time):
     * Agrona's {@link org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer}. Delivery follows the order in
     * which producers claimed space, so each producer thread's messages arrive in the order it offered them.
     */
    MANY_TO_ONE(2),

    /**
     * Any number of producers and consumers, threads and processes alike: mmipc's own slot queue
     * (see {@code ManyToManyQueue}). Messages are taken in the order their slots were claimed, so any one
     * consumer sees any one producer thread's messages in the order that thread offered them; across
     * consumers there is no order, as consumers run in parallel.
     */
    MANY_TO_MANY(3);

    private final int code;

    QueueMode(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code stored in the queue header.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a code read from a header.
     * @return the mode, or null when the code is unknown.
     */
    public static QueueMode fromCodeOrNull(final int code)
    {
        for (final QueueMode mode : values())
        {
            if (mode.code == code)
            {
                return mode;
            }
        }
        return null;
    }

    /**
     * @return true if only one consumer (process and thread) may consume at a time.
     */
    public boolean singleConsumer()
    {
        return this != MANY_TO_MANY;
    }

    /**
     * @return true if only one producer (process and thread) may produce at a time.
     */
    public boolean singleProducer()
    {
        return this == ONE_TO_ONE;
    }
}
