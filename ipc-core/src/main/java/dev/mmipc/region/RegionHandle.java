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
package dev.mmipc.region;

/**
 * The lifecycle every handle to a named region shares: shared values and arrays, counters, queues (byte, object
 * and joinable), pipes and their connections, every synchronisation primitive, and {@link Region} itself.
 * <ul>
 *   <li>{@link #name()} is the region's name; it answers after close.</li>
 *   <li>{@link #close()} unmaps this handle (and releases what the handle's own class documents, e.g. a queue's
 *   leases); it is idempotent and throws no checked exception. It never removes the name, and never touches the
 *   object's shared state beyond what its class documents.</li>
 *   <li>After close, every other call through the handle, except {@link #name()}, {@link #isClosed()} and
 *   {@link #unlink()}, throws {@link IllegalStateException}; none touches unmapped memory.</li>
 *   <li>{@link #unlink()} removes the name only: processes that map the region, this handle included, keep
 *   working, and a later {@code open} of that name throws {@link dev.mmipc.exceptions.RegionNotFoundException}. It is allowed
 *   after close. A handle made of several regions (a joinable queue and its task count) removes all their
 *   names.</li>
 * </ul>
 * <pre>{@code
 * try (RegionHandle handle = SharedLong.create(ns, "hits"))
 * {
 *     ...
 *     handle.unlink(); // the name goes; this handle keeps working until close
 * }
 * }</pre>
 */
public interface RegionHandle extends AutoCloseable
{
    /**
     * @return the region's name, as given to create or open.
     */
    String name();

    /**
     * @return true once this handle is closed; says nothing of the object's shared state (e.g. whether a queue is
     * marked closed: see {@code MessageQueue.isMarkedClosed()}).
     */
    boolean isClosed();

    /**
     * Remove the region's name. Processes that map it keep working; the memory is freed when the last one unmaps.
     * Does nothing when the name is gone or now names another region. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    boolean unlink();

    /**
     * Unmap this handle. Idempotent; every later use, but {@link #name()}, {@link #isClosed()} and
     * {@link #unlink()}, throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
