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
 * The protocol a {@link QueueMode#ONE_TO_ONE} queue runs over its ring, chosen when the queue is created and stored
 * in its file (as its layout version), so that every process uses the queue's own. The other modes have one engine
 * each.
 */
public enum RingEngine
{
    /**
     * Agrona's {@code OneToOneRingBuffer} protocol, with mmipc's checks around it: each record's length is its
     * readiness flag, the consumer polls the next record's header. Layout version
     * {@value QueueDescriptor#LAYOUT_VERSION}.
     */
    AGRONA,

    /**
     * mmipc's own protocol: records published by the tail alone, batches of them at once, cached indices on both
     * sides, a consumer that lets a batch build while a streaming producer writes it. Same record format. Layout
     * version {@value QueueDescriptor#BATCHED_LAYOUT_VERSION}: older builds refuse the queue.
     */
    BATCHED
}
