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
import dev.mmipc.exceptions.BufferTooShortException;
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WriteWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PipeTest
{
    private static final long LIVENESS_MS = 100;
    private static final SyncOptions FAST = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(LIVENESS_MS));
    /** Slack for a loaded machine on top of the longest wait a call may make. */
    private static final long CALL_MARGIN_MS = 1_000;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldMatchTheDiagram()
    {
        assertEquals(0, PipeDescriptor.DUPLEX_PARAM_OFFSET);
        assertEquals(8, PipeDescriptor.CAPACITY_PARAM_OFFSET);
        assertEquals(16, PipeDescriptor.VERSION_PARAM_OFFSET);
        assertEquals(0, PipeDescriptor.END_OWNER_WORD_OFFSET);
        assertEquals(8, PipeDescriptor.END_OWNER_START_OFFSET);
        assertEquals(16, PipeDescriptor.END_OWNER_CONFIRM_OFFSET);
        assertEquals(24, PipeDescriptor.END_STATE_OFFSET);
        assertEquals(0, PipeDescriptor.endOffset(PipeEnd.FIRST));
        assertEquals(128, PipeDescriptor.endOffset(PipeEnd.SECOND));
        assertEquals(256, PipeDescriptor.ringOffset(PipeEnd.FIRST, 1024));
        assertEquals(256 + 1024 + 768, PipeDescriptor.ringOffset(PipeEnd.SECOND, 1024));
        assertEquals(256 + 2 * (1024 + 768), PipeDescriptor.payloadLength(true, 1024));
        assertEquals(256 + 1024 + 768, PipeDescriptor.payloadLength(false, 1024));
    }

    @Test
    void shouldRoundTripObjectsAndBytesBothWays() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", true, 4096);
            Connection<Long> a = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.longs());
            Connection<Long> b = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.longs()))
        {
            assertTrue(pipe.isDuplex());
            a.send(42L);
            b.send(7L);
            assertEquals(42L, b.recv());
            assertEquals(7L, a.recv());

            final byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            a.sendBytes(hello, 1, 3);
            b.sendBytes(hello);
            assertArrayEquals("ell".getBytes(StandardCharsets.UTF_8), b.recvBytes(16));
            final byte[] into = new byte[10];
            assertEquals(5, a.recvBytesInto(into, 2));
            assertEquals("hello", new String(into, 2, 5, StandardCharsets.UTF_8));

            for (long i = 0; i < 10_000; i++) // many times around the ring, with waiting when full
            {
                a.send(i);
                assertEquals(i, b.recv());
            }
        }
    }

    @Test
    void shouldRefuseATooShortBufferAndKeepTheMessage() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p");
            Connection<String> a = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8());
            Connection<String> b = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8()))
        {
            b.send("twelve bytes");
            final BufferTooShortException ex = assertThrows(BufferTooShortException.class,
                () -> a.recvBytesInto(new byte[16], 8));
            assertEquals("pipe message longer than buffer: name=p, end=FIRST, length=12, room=8", ex.getMessage());
            assertEquals(12, ex.messageLength());
            assertThrows(BufferTooShortException.class, () -> a.recvBytes(11));
            assertEquals("twelve bytes", a.recv(), "the message is not lost");
            assertThrows(MessageTooLongException.class, () -> b.sendBytes(new byte[pipe.capacity() / 8 + 1]));
        }
    }

    @Test
    void shouldReturnWhatWasSentThenEofAfterClose() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p");
            Connection<String> a = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8()))
        {
            assertTrue(pipe.capacity() > 0);
            final Connection<String> b = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8());
            b.send("one");
            b.send("two");
            b.close();
            assertEquals("one", a.recv());
            assertEquals("two", a.recv());
            final EOFException eof = assertThrows(EOFException.class, a::recv);
            assertEquals("pipe peer gone: name=p, end=SECOND, state=closed, pid=" + ProcessHandle.current().pid(),
                eof.getMessage());
            assertTrue(a.poll(0, TimeUnit.SECONDS), "poll is true at EOF: recv would not block");
            final BrokenPipeException broken = assertThrows(BrokenPipeException.class, () -> a.send("x"));
            assertTrue(broken.getMessage().startsWith("pipe peer gone: name=p, end=SECOND, state=closed"), broken::getMessage);
            assertThrows(BrokenPipeException.class,
                () -> Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8()), "a closed end is never reattached");
            assertThrows(IllegalStateException.class, () -> b.send("after close"));
        }
    }

    @Test
    void shouldTimeOutPollAndRefuseASecondLiveAttach() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, 1024);
            Connection<String> a = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8());
            Connection<String> b = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8()))
        {
            assertTrue(pipe.capacity() > 0);
            final long startNs = System.nanoTime();
            assertFalse(a.poll(200, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(200));
            assertFalse(a.poll());
            b.send("x");
            assertTrue(a.poll(1, TimeUnit.SECONDS));

            assertEquals("pipe end cannot send: name=p, end=FIRST",
                assertThrows(IllegalStateException.class, () -> a.send("y")).getMessage());
            assertEquals("pipe end cannot receive: name=p, end=SECOND",
                assertThrows(IllegalStateException.class, b::recv).getMessage());
            assertEquals("pipe end in use: name=p, end=FIRST, pid=" + ProcessHandle.current().pid(),
                assertThrows(IllegalStateException.class,
                    () -> Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8())).getMessage());

            final Map<String, String> described;
            try (dev.mmipc.region.Region region = dev.mmipc.region.Region.open(ns.directory(), "p", null))
            {
                described = PipeInspector.describe(region);
            }
            assertEquals("one-way", described.get("mode"));
            assertEquals("1024", described.get("capacity_bytes"));
            assertEquals("state=open, pid=" + ProcessHandle.current().pid() + ", alive=yes", described.get("first_end"));
            assertEquals("state=open, pid=" + ProcessHandle.current().pid() + ", alive=yes", described.get("second_end"));
            assertEquals("16", described.get("to_first_bytes"), "one record: 8-byte header + 1 byte, aligned to 8");
        }
    }

    @Test
    void shouldSayHelloFatherHiSonOverADuplexPipe() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "chat");
            Connection<String> father = Pipe.connect(namespace(), "chat", PipeEnd.FIRST, Codecs.utf8(), FAST))
        {
            assertTrue(pipe.capacity() > 0);
            final ChildJvm son = ns.startChild(PipeChild.class, "chat", "chat");
            assertTrue(father.poll(60, TimeUnit.SECONDS), son::output);
            assertEquals("hello father", father.recv());
            father.send("hi son");
            son.awaitSuccess(Duration.ofSeconds(60));
            assertTrue(son.output().contains("got: hi son"), son::output);
            assertThrows(EOFException.class, father::recv, "the son closed its end on exit");
        }
    }

    @Test
    void shouldEchoBytesThroughAChildUntilEof() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "echo"))
        {
            final Connection<String> parent = Pipe.connect(namespace(), "echo", PipeEnd.FIRST, Codecs.utf8(), FAST);
            assertEquals("echo", pipe.name());
            final ChildJvm child = ns.startChild(PipeChild.class, "echo", "echo");
            for (int i = 0; i < 100; i++)
            {
                parent.send("message " + i);
                assertTrue(parent.poll(60, TimeUnit.SECONDS), child::output);
                assertEquals("message " + i, parent.recv());
            }
            parent.close();
            child.awaitSuccess(Duration.ofSeconds(60));
            assertTrue(child.output().contains("eof: pipe peer gone: name=echo, end=FIRST, state=closed"), child::output);
        }
    }

    @Test
    void shouldEndWithEofWhenThePeerIsKilled() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p");
            Connection<String> parent = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST))
        {
            assertTrue(pipe.capacity() > 0);
            final ChildJvm child = ns.startChild(PipeChild.class, "send-and-hang", "p");
            child.awaitOutput("sent", Duration.ofSeconds(60));
            assertEquals("last words", parent.recv());
            child.kill9();
            final long startNs = System.nanoTime();
            final EOFException eof = assertThrows(EOFException.class, parent::recv);
            final long ms = (System.nanoTime() - startNs) / 1_000_000;
            assertEquals("pipe peer gone: name=p, end=SECOND, state=dead, pid=" + child.pid(), eof.getMessage());
            assertTrue(ms < 5_000, "eof after " + ms + " ms");
            System.out.println("pipe eof " + ms + " ms after the peer was killed");
        }
    }

    /** A one-way pipe "p" of 1 KiB, both ends attached by this process. */
    private static final class OneWay implements AutoCloseable
    {
        static final int CAPACITY = 1024;

        final Pipe pipe;
        final Connection<String> first;
        final Connection<String> second;

        OneWay(final Namespace namespace)
        {
            pipe = Pipe.create(namespace, "p", false, CAPACITY);
            first = Pipe.connect(namespace, "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            second = Pipe.connect(namespace, "p", PipeEnd.SECOND, Codecs.utf8(), FAST);
        }

        @Override
        public void close()
        {
            second.close();
            first.close();
            pipe.close();
        }
    }

    /**
     * The peer's end-state word overwritten by another process with a value no end ever has (or with NEW, which an
     * end that has sent can no longer be), while the head record's length reads 0: poll(100 ms) returned true (it
     * looked at the byte count only) and recv() then waited for ever (an unknown state was neither open nor
     * closed). Now poll is false or throws, and recv throws a typed error at once, the same one on every later call.
     */
    @ParameterizedTest
    @ValueSource(longs = {PipeDescriptor.STATE_NEW, 3, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 1L << 31})
    void shouldRefuseCorruptPeerStateWithinBoundNeverWaitForIt(final long state) throws Exception
    {
        final int capacity = OneWay.CAPACITY;
        try (OneWay ends = new OneWay(namespace()))
        {
            final Connection<String> first = ends.first;
            final Connection<String> second = ends.second;
            second.send("one");
            final long stateOffset = PipeFiles.stateOffset(PipeEnd.SECOND);
            ns.startChild(WriteWords.class, ns.path().resolve("p").toString(),
                WriteWords.arg(PipeFiles.recordLengthOffset(PipeEnd.FIRST, capacity, 0), Integer.BYTES, 0),
                WriteWords.arg(stateOffset, Long.BYTES, state)).awaitSuccess(CHILD_TIMEOUT);

            final BoundedCall<Boolean> poll = BoundedCall.run("poll(100 ms)",
                Duration.ofMillis(100 + CALL_MARGIN_MS), () -> first.poll(100, TimeUnit.MILLISECONDS));
            if (poll.failureOrNull() == null)
            {
                assertFalse(poll.value(), "poll said recv would not block");
            }
            final RegionFormatException ex = BoundedCall.run("recv", Duration.ofMillis(LIVENESS_MS + CALL_MARGIN_MS),
                first::recv).failure(RegionFormatException.class);
            assertEquals("pipe end state invalid: name=p, end=SECOND, state=" + state +
                (state == PipeDescriptor.STATE_NEW ? ", producer_position=16" : ""), ex.getMessage());
            if (poll.failureOrNull() != null)
            {
                assertEquals(ex.getMessage(), poll.failure(RegionFormatException.class).getMessage());
            }
            assertStickyReceiveError(first, ex.getMessage());
        }
    }

    /**
     * A record whose length still reads 0 (the writer is between claiming its space and committing it) cannot be
     * received yet: poll must not say that recv would not block.
     */
    @Test
    void shouldNotPollTrueForARecordNotYetCommitted() throws Exception
    {
        final int capacity = OneWay.CAPACITY;
        try (OneWay ends = new OneWay(namespace()))
        {
            final Connection<String> first = ends.first;
            final Connection<String> second = ends.second;
            second.send("one");
            final Path file = ns.path().resolve("p");
            WriteWords.write(file, PipeFiles.recordLengthOffset(PipeEnd.FIRST, capacity, 0), Integer.BYTES, 0);
            final long startNs = System.nanoTime();
            assertFalse(first.poll(100, TimeUnit.MILLISECONDS), "the record is not committed: recv would block");
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(100));
            assertFalse(first.poll());
            WriteWords.write(file, PipeFiles.recordLengthOffset(PipeEnd.FIRST, capacity, 0), Integer.BYTES, 8 + 3); // committed now
            assertTrue(first.poll(0, TimeUnit.MILLISECONDS));
            assertEquals("one", first.recv());
        }
    }

    /**
     * A record length near the ends of the int range made Agrona's read overflow {@code align} and fail its bounds
     * check ({@link IndexOutOfBoundsException}); one running past the ring's end was handed over as a message read
     * from the trailer. Each is refused before anything is consumed, the same way on every later call.
     */
    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, Integer.MAX_VALUE - 6, Integer.MIN_VALUE, Integer.MIN_VALUE + 7, -1, 1, 7,
        1023, 1024, 1025, 1032})
    void shouldRefuseImpossibleRecordLengthBeforeConsumingIt(final int length) throws Exception
    {
        final int capacity = OneWay.CAPACITY;
        try (OneWay ends = new OneWay(namespace()))
        {
            final Connection<String> first = ends.first;
            final Connection<String> second = ends.second;
            second.send("one");
            second.send("two");
            ns.startChild(WriteWords.class, ns.path().resolve("p").toString(),
                WriteWords.arg(PipeFiles.recordLengthOffset(PipeEnd.FIRST, capacity, 0), Integer.BYTES, length))
                .awaitSuccess(CHILD_TIMEOUT);
            final RegionFormatException ex = BoundedCall.run("recv", Duration.ofMillis(LIVENESS_MS + CALL_MARGIN_MS),
                first::recv).failure(RegionFormatException.class);
            assertEquals("pipe record length invalid: name=p, end=FIRST, position=0, index=0, record_length=" + length +
                ", capacity=" + capacity, ex.getMessage());
            assertStickyReceiveError(first, ex.getMessage());
        }
    }

    private static void assertStickyReceiveError(final Connection<String> connection, final String message)
    {
        final List<Callable<Object>> calls = List.of(
            connection::recv,
            () -> connection.recvBytes(100),
            () -> connection.recvBytesInto(new byte[100], 0),
            connection::poll,
            () -> connection.poll(10, TimeUnit.MILLISECONDS));
        for (int i = 0; i < calls.size(); i++)
        {
            final BoundedCall<Object> outcome = BoundedCall.run("call " + i + " after corruption",
                Duration.ofMillis(LIVENESS_MS + CALL_MARGIN_MS), calls.get(i));
            if (outcome.failureOrNull() == null)
            {
                fail("call " + i + " after corruption returned " + outcome.value());
            }
            assertEquals(message, outcome.failure(RegionFormatException.class).getMessage(), "call " + i);
        }
    }
}
