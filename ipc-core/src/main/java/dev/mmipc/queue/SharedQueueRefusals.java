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

import java.util.Collection;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The half of {@link SharedQueue}'s {@link BlockingQueue} contract that does not hold across processes: every
 * operation that must look at elements without taking them, or remove one from the middle, throws
 * {@link UnsupportedOperationException} naming the method, the queue and the reason. The public methods are
 * documented as {@code SharedQueue}'s own (javadoc copies the members of a non-public superclass into its public
 * subclass, and javac gives them public bridges there).
 *
 * @param <E> the type of elements.
 */
abstract sealed class SharedQueueRefusals<E> implements BlockingQueue<E> permits SharedQueue
{
    private static final String NO_TRAVERSAL =
        "elements cannot be read without taking them while other processes take them";
    private static final String NO_REMOVAL =
        "elements cannot be removed from the middle of a queue shared with other processes";

    SharedQueueRefusals()
    {
    }

    /**
     * @return the queue's name, for the refusals' messages.
     */
    abstract String name();

    /**
     * Not supported: another consumer may take the head between a peek and a poll, and the byte queue has no
     * peek. Use {@link #poll()}.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public E peek()
    {
        throw unsupported("peek", "another process may take the head between a peek and a poll; use poll");
    }

    /**
     * Not supported, as {@link #peek()}.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public E element()
    {
        throw unsupported("element", "another process may take the head between a peek and a poll; use remove");
    }

    /**
     * Not supported: elements cannot be read without taking them while other processes take and overwrite them.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public Iterator<E> iterator()
    {
        throw unsupported("iterator", NO_TRAVERSAL);
    }

    /**
     * Not supported, as {@link #iterator()}.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public Spliterator<E> spliterator()
    {
        throw unsupported("spliterator", NO_TRAVERSAL);
    }

    /**
     * Not supported, as {@link #iterator()}.
     *
     * @param action unused.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public void forEach(final Consumer<? super E> action)
    {
        throw unsupported("forEach", NO_TRAVERSAL);
    }

    /**
     * Not supported, as {@link #iterator()}.
     *
     * @param o unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public boolean contains(final Object o)
    {
        throw unsupported("contains", NO_TRAVERSAL);
    }

    /**
     * Not supported, as {@link #iterator()}.
     *
     * @param c unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public boolean containsAll(final Collection<?> c)
    {
        throw unsupported("containsAll", NO_TRAVERSAL);
    }

    /**
     * Not supported, as {@link #iterator()}.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public Object[] toArray()
    {
        throw unsupported("toArray", NO_TRAVERSAL);
    }

    /**
     * Not supported, as {@link #iterator()}.
     *
     * @param a   unused.
     * @param <T> unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public <T> T[] toArray(final T[] a)
    {
        throw unsupported("toArray", NO_TRAVERSAL);
    }

    /**
     * Not supported: removing from the middle of a ring shared with other processes is not possible.
     *
     * @param o unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public boolean remove(final Object o)
    {
        throw unsupported("remove(Object)", NO_REMOVAL);
    }

    /**
     * Not supported, as {@link #remove(Object)}.
     *
     * @param c unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public boolean removeAll(final Collection<?> c)
    {
        throw unsupported("removeAll", NO_REMOVAL);
    }

    /**
     * Not supported, as {@link #remove(Object)}.
     *
     * @param c unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public boolean retainAll(final Collection<?> c)
    {
        throw unsupported("retainAll", NO_REMOVAL);
    }

    /**
     * Not supported, as {@link #remove(Object)}.
     *
     * @param filter unused.
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public boolean removeIf(final Predicate<? super E> filter)
    {
        throw unsupported("removeIf", NO_REMOVAL);
    }

    private UnsupportedOperationException unsupported(final String method, final String why)
    {
        return new UnsupportedOperationException("not supported by a queue shared between processes: method=" +
            method + ", name=" + name() + ", reason=" + why);
    }
}
