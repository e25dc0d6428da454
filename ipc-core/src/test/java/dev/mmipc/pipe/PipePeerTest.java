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
package dev.mmipc.pipe;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.exceptions.BrokenPipeException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.Mappings;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WriteWords;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.EOFException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two ends of a pipe as one end sees the other, all in this process: an attach refused (end in use, closed,
 * interrupted) leaves nothing mapped, an end used the wrong way round is refused, a corruption once found stays the
 * answer, a send waiting for room and a receive waiting for a message end when the peer closes or sends, and a peer
 * whose owner is dead is noticed (no sooner than its liveness check is due) and stays dead.
 */
class PipePeerTest
{
    private static final int CAPACITY = PipeDescriptor.MIN_CAPACITY;
    private static final SyncOptions FAST = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(100));
    /** Bound of a call that returns at once, or within a liveness timeout, on a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    private Path file()
    {
        return ns.path().resolve("p");
    }

    private Connection<String> connect(final PipeEnd end, final SyncOptions options)
    {
        return Pipe.connect(namespace(), "p", end, Codecs.utf8(), options);
    }

    @Test
    void shouldUnmapWhenAnAttachIsRefused() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = connect(PipeEnd.FIRST, FAST))
        {
            final long mapped = Mappings.count(file());
            assertTrue(mapped > 0, "the pipe handle and one connection");
            assertEquals("pipe end in use: name=p, end=FIRST, pid=" + ProcessHandle.current().pid(),
                assertThrows(IllegalStateException.class, () -> connect(PipeEnd.FIRST, FAST)).getMessage());
            assertEquals(mapped, Mappings.count(file()), "the refused attach unmapped");

            connect(PipeEnd.SECOND, FAST).close();
            assertEquals("pipe end closed: name=p, end=SECOND",
                assertThrows(BrokenPipeException.class, () -> connect(PipeEnd.SECOND, FAST)).getMessage());
            assertEquals(mapped, Mappings.count(file()), "the refused attach unmapped");

            assertThrows(NullPointerException.class, () -> Pipe.connect(namespace(), "p", PipeEnd.SECOND, null, FAST));
            assertEquals(mapped, Mappings.count(file()), "the refused attach unmapped");
            assertFalse(pipe.isClosed());
            assertFalse(first.isClosed());
        }
        assertEquals(0, Mappings.count(file()), "nothing stays mapped");
    }

    @Test
    void shouldRefuseAnAttachOfAnInterruptedThreadAndKeepItsFlag()
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY))
        {
            Thread.currentThread().interrupt();
            final IllegalStateException ex;
            try
            {
                ex = assertThrows(IllegalStateException.class, () -> connect(PipeEnd.FIRST, FAST));
            }
            finally
            {
                assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            }
            assertEquals("interrupted attaching pipe end: name=p, end=FIRST", ex.getMessage());
            try (Connection<String> first = connect(PipeEnd.FIRST, FAST))
            {
                assertEquals(PipeEnd.FIRST, first.end(), "the end was not taken by the interrupted attach");
                assertEquals(CAPACITY, pipe.capacity());
            }
        }
        assertEquals(0, Mappings.count(file()), "nothing stays mapped");
    }

    @Test
    void shouldRefuseEachCallOfTheDirectionAnEndDoesNotHave()
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY))
        {
            final Connection<String> first = connect(PipeEnd.FIRST, FAST);
            final Connection<String> second = connect(PipeEnd.SECOND, FAST);
            try
            {
                assertFalse(pipe.isDuplex());
                final String cannotSend = "pipe end cannot send: name=p, end=FIRST";
                assertEquals(cannotSend, assertThrows(IllegalStateException.class, () -> first.send("x")).getMessage());
                assertEquals(cannotSend, assertThrows(IllegalStateException.class,
                    () -> first.trySend("x", 0, TimeUnit.MILLISECONDS)).getMessage());
                assertEquals(cannotSend, assertThrows(IllegalStateException.class,
                    () -> first.sendBytes(new byte[1])).getMessage());
                assertEquals(cannotSend, assertThrows(IllegalStateException.class,
                    () -> first.sendBytes(new byte[2], 1, 1)).getMessage());

                final String cannotReceive = "pipe end cannot receive: name=p, end=SECOND";
                assertEquals(cannotReceive, assertThrows(IllegalStateException.class, second::recv).getMessage());
                assertEquals(cannotReceive, assertThrows(IllegalStateException.class,
                    () -> second.recvBytes(1)).getMessage());
                assertEquals(cannotReceive, assertThrows(IllegalStateException.class,
                    () -> second.recvBytesInto(new byte[1], 0)).getMessage());
                assertEquals(cannotReceive, assertThrows(IllegalStateException.class, second::poll).getMessage());
                assertEquals(cannotReceive, assertThrows(IllegalStateException.class,
                    () -> second.poll(0, TimeUnit.MILLISECONDS)).getMessage());
            }
            finally
            {
                first.close();
                second.close();
            }
            assertThrows(IllegalStateException.class, () -> second.sendBytes(new byte[1]), "closed");
            assertThrows(IllegalStateException.class, () -> first.poll(0, TimeUnit.MILLISECONDS), "closed");
        }
    }

    @Test
    void shouldAnswerWhetherUnlinkRemovedTheName()
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = connect(PipeEnd.FIRST, FAST))
        {
            assertTrue(first.unlink(), "the name was there");
            assertFalse(file().toFile().exists());
            assertFalse(pipe.unlink(), "already removed");
            assertFalse(first.unlink());
            assertFalse(pipe.isClosed());
        }
    }

    @Test
    void shouldKeepRefusingToReceiveOnceARecordWasFoundCorruptEvenWhenRepaired() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = connect(PipeEnd.FIRST, FAST);
            Connection<String> second = connect(PipeEnd.SECOND, FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.send("one");
            final long lengthOffset = PipeFiles.recordLengthOffset(PipeEnd.FIRST, CAPACITY, 0);
            WriteWords.write(file(), lengthOffset, Integer.BYTES, 1);
            final String message = "pipe record length invalid: name=p, end=FIRST, position=0, index=0, record_length=1, " +
                "capacity=" + CAPACITY;
            assertEquals(message, assertThrows(RegionFormatException.class, first::recv).getMessage());

            WriteWords.write(file(), lengthOffset, Integer.BYTES, 8 + 3); // the record as it was written
            assertEquals(message, assertThrows(RegionFormatException.class, first::recv).getMessage(), "recv");
            assertEquals(message, assertThrows(RegionFormatException.class, first::poll).getMessage(), "poll()");
            assertEquals(message, assertThrows(RegionFormatException.class,
                () -> first.poll(0, TimeUnit.MILLISECONDS)).getMessage(), "poll(timeout)");
            assertEquals(message, assertThrows(RegionFormatException.class, () -> first.recvBytes(10)).getMessage());
        }
    }

    @Test
    void shouldKeepRefusingToSendOnceTheRingWasFoundCorruptEvenWhenRepaired() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<byte[]> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.bytes(), FAST);
            Connection<byte[]> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.bytes(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            final byte[] record = new byte[CAPACITY / 8 - 8]; // with its header, an eighth of the ring
            while (second.trySend(record, 0, TimeUnit.MILLISECONDS))
            {
                assertTrue(pipe.capacity() > 0);
            }
            final long headOffset = PipeFiles.headOffset(PipeEnd.FIRST, CAPACITY);
            WriteWords.write(file(), headOffset, Long.BYTES, -CAPACITY);
            final String message = "pipe positions invalid: name=p, end=FIRST, head=-" + CAPACITY + ", tail=" +
                (7 * CAPACITY / 8) + ", capacity=" + CAPACITY;
            assertEquals(message, assertThrows(RegionFormatException.class,
                () -> second.trySend(record, 10, TimeUnit.SECONDS)).getMessage());

            WriteWords.write(file(), headOffset, Long.BYTES, 0); // the head as it was
            assertEquals(record.length, first.recv().length, "room for one again");
            assertEquals(message, assertThrows(RegionFormatException.class,
                () -> second.trySend(record, 0, TimeUnit.MILLISECONDS)).getMessage(), "trySend");
            assertEquals(message, assertThrows(RegionFormatException.class, () -> second.sendBytes(record)).getMessage(),
                "sendBytes");
            for (int i = 0; i < 6; i++)
            {
                assertEquals(record.length, first.recv().length);
            }
            assertFalse(first.poll(), "nothing more was sent");
        }
    }

    @Test
    void shouldEndASendWaitingForRoomWhenThePeerCloses() throws Exception
    {
        final CountDownLatch waiting = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean();
        final Connection<byte[]> first;
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<byte[]> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.bytes(),
                FAST.withWaitStrategy(signalling(armed, waiting))))
        {
            assertEquals(CAPACITY, pipe.capacity());
            first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.bytes(), FAST);
            final byte[] record = new byte[CAPACITY / 8 - 8];
            while (second.trySend(record, 0, TimeUnit.MILLISECONDS))
            {
                assertTrue(pipe.capacity() > 0);
            }
            armed.set(true);
            final Thread closer = new Thread(() ->
            {
                try
                {
                    if (waiting.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) // the sender found no room: it waits
                    {
                        first.close();
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "closer");
            closer.start();
            try
            {
                final BrokenPipeException ex = BoundedCall.run("trySend(10 s) to a peer that closes", BOUND,
                    () -> second.trySend(record, 10, TimeUnit.SECONDS)).failure(BrokenPipeException.class);
                assertEquals("pipe peer gone: name=p, end=FIRST, state=closed, pid=" + ProcessHandle.current().pid(),
                    ex.getMessage());
            }
            finally
            {
                closer.interrupt();
                closer.join(BOUND.toMillis());
                first.close();
            }
            assertFalse(closer.isAlive());
        }
    }

    @Test
    void shouldReturnWhatArrivesWhileReceiveWaits() throws Exception
    {
        final CountDownLatch waiting = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean();
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = connect(PipeEnd.FIRST, FAST.withWaitStrategy(signalling(armed, waiting)));
            Connection<String> second = connect(PipeEnd.SECOND, FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            armed.set(true);
            final Thread sender = new Thread(() ->
            {
                try
                {
                    if (waiting.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) // the receiver found nothing: it waits
                    {
                        second.send("late");
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "sender");
            sender.start();
            try
            {
                assertEquals("late", BoundedCall.run("recv", BOUND, first::recv).value());
            }
            finally
            {
                sender.interrupt();
                sender.join(BOUND.toMillis());
            }
            assertFalse(sender.isAlive());
        }
    }

    @Test
    void shouldNoticeADeadPeerOnceItsCheckIsDueAndKeepSayingSo() throws Exception
    {
        // a liveness timeout of 20 ms: the peer is asked about at most every 20 ms
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(20));
        try (Pipe pipe = Pipe.create(namespace(), "p", true, CAPACITY);
            Connection<String> first = connect(PipeEnd.FIRST, options);
            Connection<String> second = connect(PipeEnd.SECOND, options))
        {
            assertTrue(pipe.isDuplex());
            assertFalse(first.poll(), "the peer lives: asked now");
            Thread.sleep(60); // not a synchronisation: the check's interval (20 ms) passes with no call
            WriteWords.write(file(), PipeFiles.ownerStartOffset(PipeEnd.SECOND), Long.BYTES, 1); // its owner: another process
            assertTrue(first.poll(), "its check is due: the first look finds the peer's owner dead");
            final String gone = "pipe peer gone: name=p, end=SECOND, state=dead, pid=" + ProcessHandle.current().pid();
            assertEquals(gone, BoundedCall.run("recv", BOUND, first::recv).failure(EOFException.class).getMessage());
            assertEquals(gone, BoundedCall.run("recv again", BOUND, first::recv).failure(EOFException.class).getMessage());
            assertTrue(first.poll());
            assertEquals(gone, assertThrows(BrokenPipeException.class, () -> first.send("x")).getMessage());
            assertFalse(second.isClosed(), "this process closed nothing");
        }
    }

    @Test
    void shouldNotAskAboutALivePeerAgainBeforeItsCheckIsDue() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = connect(PipeEnd.FIRST, FAST);
            Connection<String> second = connect(PipeEnd.SECOND, FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            final long recheckNs = Liveness.recheckIntervalNs(TimeUnit.MILLISECONDS.toNanos(100));
            final long startNs = System.nanoTime();
            assertFalse(first.poll(), "the peer lives: asked now");
            WriteWords.write(file(), PipeFiles.ownerStartOffset(PipeEnd.SECOND), Long.BYTES, 1);
            final boolean seen = first.poll();
            if (System.nanoTime() - startNs < recheckNs) // else this machine was too slow to tell
            {
                assertFalse(seen, "the peer was asked about again before its check was due");
            }
            assertTrue(first.poll(1, TimeUnit.SECONDS), "asked again once due: dead");
            assertFalse(second.isClosed(), "this process closed nothing");
        }
    }

    @Test
    void shouldRefuseAPeerThatNeverAttachedButConsumed() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> second = connect(PipeEnd.SECOND, FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.send("one"); // the first end never attached: waited for, not gone
            WriteWords.write(file(), PipeFiles.headOffset(PipeEnd.FIRST, CAPACITY), Long.BYTES, 16); // yet it consumed
            final String message = "pipe end state invalid: name=p, end=FIRST, state=0, consumer_position=16";
            assertEquals(message, assertThrows(RegionFormatException.class, () -> second.send("two")).getMessage());
            assertEquals(message, assertThrows(RegionFormatException.class, () -> second.sendBytes(new byte[1]))
                .getMessage());
        }
    }

    /**
     * @param armed   from when on to signal.
     * @param waiting counted down each time a wait idles once armed: the condition was tested and was false.
     * @return a wait strategy that tells when its caller waits.
     */
    private static WaitStrategy signalling(final AtomicBoolean armed, final CountDownLatch waiting)
    {
        return WaitStrategy.of("signalling", () -> new IdleStrategy()
        {
            private final IdleStrategy delegate = new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));

            @Override
            public void idle(final int workCount)
            {
                if (workCount <= 0)
                {
                    idle();
                }
            }

            @Override
            public void idle()
            {
                if (armed.get())
                {
                    waiting.countDown();
                }
                delegate.idle();
            }

            @Override
            public void reset()
            {
                delegate.reset();
            }
        });
    }
}
