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
package dev.mmipc.stress;

import dev.mmipc.Namespace;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Shared objects for jcstress states, created on demand and recycled. A state takes one in its constructor
 * and gives it back in its arbiter, when no actor touches it any more; a recycled object is reset by the
 * taker. Each object is unlinked as soon as it is created: its mapping stays valid and no file outlives the
 * JVM.
 *
 * @param <T> the shared object's type.
 */
public final class RegionPool<T>
{
    private final Namespace ns;
    private final String prefix;
    private final BiFunction<Namespace, String, T> create;
    private final Consumer<T> unlink;
    private final ConcurrentLinkedQueue<T> free = new ConcurrentLinkedQueue<>();
    private final AtomicLong created = new AtomicLong();

    /**
     * @param ns     where the regions are made.
     * @param prefix region names are this plus a sequence number.
     * @param create makes one object with a given name.
     * @param unlink removes an object's name.
     */
    public RegionPool(
        final Namespace ns, final String prefix, final BiFunction<Namespace, String, T> create, final Consumer<T> unlink)
    {
        this.ns = ns;
        this.prefix = prefix;
        this.create = create;
        this.unlink = unlink;
    }

    /**
     * @return a free object, made now when none is free; the caller resets its contents.
     */
    public T take()
    {
        final T recycled = free.poll();
        if (recycled != null)
        {
            return recycled;
        }
        final T made = create.apply(ns, prefix + created.incrementAndGet());
        unlink.accept(made); // the mapping stays valid; nothing is left in the directory
        return made;
    }

    /**
     * @param object an object no actor touches any more.
     */
    public void give(final T object)
    {
        free.offer(object);
    }

    /**
     * @return how many objects were made.
     */
    public long created()
    {
        return created.get();
    }
}
