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
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.Mappings;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WriteWords;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipe at its bounds, all in this process: capacities at and beside the limits, messages of exactly the longest
 * length and one byte more, buffers of exactly the room a message needs, the parameters and end states a foreign
 * process may have written into the file, and positions no ring can have (found by the reader and by a writer
 * whose ring stays full).
 */
class PipeBoundsTest
{
    private static final int CAPACITY = PipeDescriptor.MIN_CAPACITY;
    private static final SyncOptions FAST = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(100));
    private static final Duration BOUND = Duration.ofSeconds(3);
    private static final int PADDING = RingBuffer.PADDING_MSG_TYPE_ID;

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

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -1024, Integer.MIN_VALUE, 512, 1023, 1025, 1536, 3 << 20, (1 << 28) + 1, 1 << 29,
        Integer.MAX_VALUE})
    void shouldRefuseACapacityOutsideTheLimitsOrNotAPowerOfTwo(final int capacity)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Pipe.create(namespace(), "p", false, capacity));
        assertEquals("pipe capacity invalid: name=p, capacity=" + capacity + ", min=1024, max=268435456, " +
            "power_of_two=required", ex.getMessage());
        assertFalse(file().toFile().exists(), "nothing created");
    }

    @Test
    void shouldCarryAMessageOfExactlyAnEighthOfTheCapacityAndRefuseOneByteMore() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<byte[]> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.bytes(), FAST);
            Connection<byte[]> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.bytes(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            assertFalse(pipe.isDuplex());
            final int max = CAPACITY / 8;
            assertEquals(max, first.maxMessageLength(), "the receive-only end names its ring's longest message");
            assertEquals(max, second.maxMessageLength());

            final byte[] longest = pattern(max);
            second.send(longest);
            second.sendBytes(longest, 0, max);
            second.sendBytes(new byte[0]);
            assertArrayEquals(longest, first.recv());
            assertArrayEquals(longest, first.recvBytes(max), "a limit of exactly the length takes the message");
            assertArrayEquals(new byte[0], first.recvBytes(0), "an empty message fits a limit of 0");

            final MessageTooLongException tooLong = assertThrows(MessageTooLongException.class,
                () -> second.send(pattern(max + 1)));
            assertEquals("pipe message too long: name=p, length=" + (max + 1) + ", max=" + max, tooLong.getMessage());
            assertThrows(MessageTooLongException.class, () -> second.sendBytes(new byte[max + 1]));
            assertFalse(first.poll(), "nothing was written by a refused send");
        }
    }

    @Test
    void shouldCopyIntoABufferOfExactlyTheRoomAndKeepAMessageOneByteLonger() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", true, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertTrue(pipe.isDuplex());
            second.send("abcde");
            final byte[] target = new byte[9];
            final BufferTooShortException oneShort = assertThrows(BufferTooShortException.class,
                () -> first.recvBytesInto(target, 5));
            assertEquals("pipe message longer than buffer: name=p, end=FIRST, length=5, room=4", oneShort.getMessage());
            assertArrayEquals(new byte[9], target, "nothing copied");
            assertThrows(BufferTooShortException.class, () -> first.recvBytes(4));
            assertEquals(5, first.recvBytesInto(target, 4), "exactly the room from the offset");
            assertEquals("abcde", new String(target, 4, 5, java.nio.charset.StandardCharsets.UTF_8));

            second.sendBytes(new byte[0]);
            assertEquals(0, first.recvBytesInto(target, target.length), "an offset of the length leaves room 0");
            assertThrows(IndexOutOfBoundsException.class, () -> first.recvBytesInto(target, target.length + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> first.recvBytesInto(target, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> second.sendBytes(target, 5, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> second.sendBytes(target, -1, 1));
            assertFalse(first.poll(), "nothing sent by a refused range");

            first.send("back");
            assertEquals("back", second.recv(), "duplex: the first end sends too");
        }
    }

    @Test
    void shouldTimeOutASendToAFullRingThenFindACorruptHeadOfThePeer() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<byte[]> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.bytes(), FAST);
            Connection<byte[]> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.bytes(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            final byte[] record = new byte[CAPACITY / 8 - 8]; // with its header, an eighth of the ring
            int sent = 0;
            while (second.trySend(record, 0, TimeUnit.MILLISECONDS))
            {
                sent++;
            }
            assertEquals(7, sent, "seven records of an eighth fill the ring (Agrona keeps a header's room free)");
            final long startNs = System.nanoTime();
            assertFalse(second.trySend(record, 50, TimeUnit.MILLISECONDS), "no room: timed out");
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(50));
            assertArrayEquals(record, first.recv());
            assertTrue(second.trySend(record, 0, TimeUnit.MILLISECONDS), "room for one again");

            WriteWords.write(file(), PipeFiles.headOffset(PipeEnd.FIRST, CAPACITY), Long.BYTES, -CAPACITY);
            final RegionFormatException ex = assertThrows(RegionFormatException.class,
                () -> second.trySend(record, 10, TimeUnit.SECONDS));
            assertEquals("pipe positions invalid: name=p, end=FIRST, head=-" + CAPACITY + ", tail=" + CAPACITY +
                ", capacity=" + CAPACITY, ex.getMessage());
            assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class, () -> second.send(record)).getMessage(),
                "the writer keeps the error");
            assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class, () -> second.sendBytes(record))
                .getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-8, 4, 2048, CAPACITY + 8})
    void shouldFindPositionsNoRingCanHaveOnTheFirstEmptyRead(final long tail) throws Exception
    {
        // the first empty read looks at the positions, then every 64th: the corruption is written before it
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            WriteWords.write(file(), PipeFiles.tailOffset(PipeEnd.FIRST, CAPACITY), Long.BYTES, tail);
            final RegionFormatException ex = assertThrows(RegionFormatException.class, first::poll);
            assertEquals("pipe positions invalid: name=p, end=FIRST, head=0, tail=" + tail + ", capacity=" + CAPACITY,
                ex.getMessage());
            assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class, first::recv).getMessage());
            if (tail > CAPACITY)
            {
                assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class,
                    () -> second.trySend("x", 0, TimeUnit.MILLISECONDS)).getMessage(), "the ring looks full: the writer looks");
            }
            else
            {
                assertTrue(second.trySend("x", 0, TimeUnit.MILLISECONDS), "the ring has room: the writer does not look");
            }
        }
    }

    @Test
    void shouldAcceptPositionsOfAFullRing() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            // a tail exactly a capacity beyond the head, no record committed at the head: full, being written
            WriteWords.write(file(), PipeFiles.tailOffset(PipeEnd.FIRST, CAPACITY), Long.BYTES, CAPACITY);
            for (int i = 0; i < 2 * (PipeIntegrity.EMPTY_LOOK_MASK + 1); i++)
            {
                assertFalse(first.poll(), "read " + i);
            }
            assertTrue(second.toString().startsWith("Connection{name=p, end=SECOND"));
        }
    }

    @Test
    void shouldNameTheParametersAFileHoldsWhenTheyAreInvalid() throws Exception
    {
        Pipe.create(namespace(), "p", false, CAPACITY).close();
        final long payloadLength = PipeDescriptor.payloadLength(false, CAPACITY);
        assertParams(3, 1L << 29, 0, "pipe layout version unsupported: name=p, expected=1, actual=3", 0);
        assertParams(0, CAPACITY, 0, "pipe layout version unsupported: name=p, expected=1, actual=0", 1);
        for (final long capacity : new long[]{ 512, 1023, 1536, 2048, 1L << 29, 1L << 32, -CAPACITY, 0 })
        {
            assertParams(PipeDescriptor.LAYOUT_VERSION, capacity, 0, "pipe parameters invalid: name=p, capacity=" +
                capacity + ", duplex=0, payload_length=" + payloadLength, 2);
        }
        for (final long duplex : new long[]{ 1, 2, 3, -1, 1L << 32 })
        {
            assertParams(PipeDescriptor.LAYOUT_VERSION, CAPACITY, duplex, "pipe parameters invalid: name=p, capacity=" +
                CAPACITY + ", duplex=" + duplex + ", payload_length=" + payloadLength, 3);
        }
        writeParams(PipeDescriptor.LAYOUT_VERSION, CAPACITY, 0);
        try (Pipe pipe = Pipe.open(namespace(), "p"))
        {
            assertEquals(CAPACITY, pipe.capacity(), "valid again");
        }
    }

    @Test
    void shouldOpenADuplexRegionAsOneWayButNotTheOtherWayRound() throws Exception
    {
        Pipe.create(namespace(), "p", true, CAPACITY).close();
        writeParams(PipeDescriptor.LAYOUT_VERSION, CAPACITY, 0); // one ring of two: its payload is long enough
        try (Pipe pipe = Pipe.open(namespace(), "p"))
        {
            assertFalse(pipe.isDuplex());
        }
        writeParams(PipeDescriptor.LAYOUT_VERSION, 2 * CAPACITY, 0); // 2 KiB, one ring: still within 2 x 1 KiB rings
        try (Pipe pipe = Pipe.open(namespace(), "p"))
        {
            assertEquals(2 * CAPACITY, pipe.capacity());
        }
        writeParams(PipeDescriptor.LAYOUT_VERSION, 4 * CAPACITY, 0);
        assertThrows(RegionParameterException.class, () -> Pipe.open(namespace(), "p"));
    }

    @Test
    void shouldDescribeEveryEndStateAndBothRings() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        try (Pipe pipe = Pipe.create(namespace(), "p", true, CAPACITY))
        {
            assertEquals("Pipe{name=p, duplex=true, capacity=1024}", pipe.toString());
            Map<String, String> described = describe();
            assertEquals("duplex", described.get("mode"));
            assertEquals("state=new, pid=0, alive=-", described.get("first_end"));
            assertEquals("state=new, pid=0, alive=-", described.get("second_end"));
            assertEquals("0", described.get("to_first_bytes"));
            assertEquals("0", described.get("to_second_bytes"));

            final Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            first.send("abc");
            first.send("defghijklm");
            first.close();
            described = describe();
            assertEquals("state=closed, pid=" + pid + ", alive=yes", described.get("first_end"));
            assertEquals("0", described.get("to_first_bytes"));
            assertEquals("40", described.get("to_second_bytes"), "two records: 8 + 3 and 8 + 10, each aligned to 8");

            WriteWords.write(file(), PipeFiles.stateOffset(PipeEnd.SECOND), Long.BYTES, 7);
            assertEquals("state=unknown(7), pid=0, alive=-", describe().get("second_end"));
            final RegionFormatException ex = assertThrows(RegionFormatException.class,
                () -> Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST));
            assertEquals("pipe end state invalid: name=p, end=SECOND, state=7", ex.getMessage());
        }
        try (SharedLong value = SharedLong.create(namespace(), "v", 1);
            Region region = Region.open(ns.directory(), "v", null))
        {
            assertEquals(1, value.get());
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> PipeInspector.describe(region));
            assertEquals("region kind not pipe: name=v, kind=" + region.kind(), ex.getMessage());
        }
    }

    @Test
    void shouldReportTheHandlesOwnState() throws Exception
    {
        final Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
        final Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
        try
        {
            assertEquals("p", pipe.name());
            assertEquals("p", first.name());
            assertEquals(PipeEnd.FIRST, first.end());
            assertSame(Codecs.utf8(), first.codec());
            assertEquals("Connection{name=p, end=FIRST, closed=false}", first.toString());
            assertFalse(first.poll(), "the peer never attached: waited for, not gone");
            assertFalse(pipe.isClosed());
            pipe.close();
            assertTrue(pipe.isClosed());
            assertThrows(IllegalStateException.class, pipe::capacity);
            assertThrows(IllegalStateException.class, pipe::isDuplex);
            pipe.close();
            assertTrue(pipe.unlink(), "allowed after close");
            assertFalse(first.unlink(), "already removed");
            assertFalse(first.isClosed(), "the connection keeps working");
            assertFalse(first.poll(0, TimeUnit.MILLISECONDS));
        }
        finally
        {
            first.close();
        }
        assertTrue(first.isClosed());
        assertEquals("Connection{name=p, end=FIRST, closed=true}", first.toString());
        first.close();
        assertThrows(IllegalStateException.class, first::poll);
    }

    @Test
    void shouldReceiveWhatWasSentBeforeTheEndClosedThenEof() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST))
        {
            final Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST);
            second.sendBytes(new byte[]{ 'a', 'b' });
            second.sendBytes(new byte[]{ 'c', 'd', 'e' }, 1, 2);
            second.close();
            assertTrue(pipe.capacity() > 0);
            assertTrue(first.poll(), "a message is there");
            assertArrayEquals(new byte[]{ 'a', 'b' }, first.recvBytes(2));
            final byte[] into = new byte[2];
            assertEquals(2, first.recvBytesInto(into, 0));
            assertArrayEquals(new byte[]{ 'd', 'e' }, into);
            assertTrue(first.poll(), "gone: recv would not block");
            assertThrows(EOFException.class, () -> first.recvBytes(10));
            assertThrows(EOFException.class, () -> first.recvBytesInto(into, 0));
            final BrokenPipeException reattach = assertThrows(BrokenPipeException.class,
                () -> Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST));
            assertEquals("pipe end closed: name=p, end=SECOND", reattach.getMessage());
        }
    }

    private Map<String, String> describe()
    {
        try (Region region = Region.open(ns.directory(), "p", null))
        {
            return PipeInspector.describe(region);
        }
    }

    private void writeParams(final long version, final long capacity, final long duplex) throws Exception
    {
        WriteWords.write(file(),
            RegionDescriptor.PARAMS_OFFSET + PipeDescriptor.VERSION_PARAM_OFFSET, Long.BYTES, version,
            RegionDescriptor.PARAMS_OFFSET + PipeDescriptor.CAPACITY_PARAM_OFFSET, Long.BYTES, capacity,
            RegionDescriptor.PARAMS_OFFSET + PipeDescriptor.DUPLEX_PARAM_OFFSET, Long.BYTES, duplex);
    }

    private void assertParams(
        final long version, final long capacity, final long duplex, final String message, final int how) throws Exception
    {
        writeParams(version, capacity, duplex);
        final RegionParameterException ex;
        switch (how)
        {
            case 0:
                ex = assertThrows(RegionParameterException.class, () -> Pipe.open(namespace(), "p"));
                break;
            case 1:
                ex = assertThrows(RegionParameterException.class,
                    () -> Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST));
                break;
            case 2:
                ex = assertThrows(RegionParameterException.class, this::describe);
                break;
            default:
                ex = assertThrows(RegionParameterException.class,
                    () -> Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8()));
                break;
        }
        assertEquals(message, ex.getMessage());
        assertEquals(0, Mappings.count(file()), "the refused open unmapped");
    }

    private static byte[] pattern(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + 1);
        }
        return bytes;
    }

    @Test
    void shouldHoldNoDecodedValueAfterAFailedDecode() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<Long> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.longs(), FAST);
            Connection<Long> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.longs(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.sendBytes(new byte[3]); // not a long
            second.send(5L);
            final RuntimeException ex = assertThrows(RuntimeException.class, first::recv);
            assertEquals("wrong encoded length: codec=long, expected=8, actual=3", ex.getMessage());
            assertEquals(5L, first.recv(), "the malformed message was consumed, the next one is whole");
            assertFalse(first.poll());
        }
    }

    @Test
    void shouldCreateAndOpenAPipeOfTheLargestCapacity()
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, PipeDescriptor.MAX_CAPACITY);
            Pipe opened = Pipe.open(namespace(), "p"))
        {
            assertEquals(PipeDescriptor.MAX_CAPACITY, pipe.capacity());
            assertEquals(PipeDescriptor.MAX_CAPACITY, opened.capacity(), "its parameters are valid when opened");
        }
    }

    @Test
    void shouldRefuseAnEmptyMessageToALimitBelowZeroAndKeepIt() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.sendBytes(new byte[0]);
            final BufferTooShortException ex = BoundedCall.run("recvBytes(-1)", BOUND, () -> first.recvBytes(-1))
                .failure(BufferTooShortException.class);
            assertEquals("pipe message longer than buffer: name=p, end=FIRST, length=0, room=-1", ex.getMessage());
            assertEquals(0, ex.messageLength());
            assertArrayEquals(new byte[0], first.recvBytes(0), "the message stayed in the pipe");
        }
    }

    @Test
    void shouldCarryMessagesAroundTheRingPastThePaddingAtItsEnd() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            // records of 8 + 13 bytes take 24: the 1024-byte ring ends in a padding record on each lap
            for (int i = 0; i < 200; i++)
            {
                final String message = String.format("message %05d", i);
                second.send(message);
                second.send(message);
                assertEquals(message, first.recv(), "first of lap message " + i);
                assertEquals(message, first.recv(), "second of lap message " + i);
            }
            assertFalse(first.poll());
        }
    }

    @Test
    void shouldSkipAPaddingRecordBeforeAMessage() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.send("0123456"); // 8 + 7 bytes: the next record starts at 16
            second.send("abc");
            writeRecordType(0, PADDING);
            assertEquals("abc", BoundedCall.run("recv", BOUND, first::recv).value(), "the padding was skipped");
            assertFalse(first.poll(), "both records were consumed");
            second.send("def");
            assertEquals("def", first.recv());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 8 + CAPACITY / 8 + 1, CAPACITY - 16 + 8})
    void shouldRefuseAnImpossibleLengthAfterAPaddingRecordAtItsPosition(final int length) throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.send("0123456");
            second.send("abc");
            writeRecordType(0, PADDING);
            writeRecordLength(16, length); // not a claim, longer than a message, or past the ring's end
            assertRefused(first, 16, 16, length);
        }
    }

    @Test
    void shouldRefuseARecordAfterAPaddingThatRunsPastTheRingsEnd() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            writeRecordLength(0, CAPACITY - 8);
            writeRecordType(0, PADDING);
            writeRecordLength(CAPACITY - 8, 16); // 8 bytes left to the end
            writeRecordType(CAPACITY - 8, 1);
            assertRefused(first, CAPACITY - 8, CAPACITY - 8, 16);
        }
    }

    @Test
    void shouldRefuseAPaddingRecordThatRunsPastTheRingsEndAfterTheHeadMoved() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "p", false, CAPACITY);
            Connection<String> first = Pipe.connect(namespace(), "p", PipeEnd.FIRST, Codecs.utf8(), FAST);
            Connection<String> second = Pipe.connect(namespace(), "p", PipeEnd.SECOND, Codecs.utf8(), FAST))
        {
            assertEquals(CAPACITY, pipe.capacity());
            second.send("0123456");
            assertEquals("0123456", first.recv()); // the head is at 16
            writeRecordLength(16, CAPACITY - 8); // 8 bytes past the end
            writeRecordType(16, PADDING);
            assertRefused(first, 16, 16, CAPACITY - 8);
        }
    }

    private void assertRefused(final Connection<String> first, final long position, final int index, final int length)
    {
        final RegionFormatException ex = BoundedCall.run("recv", BOUND, first::recv).failure(RegionFormatException.class);
        assertEquals("pipe record length invalid: name=p, end=FIRST, position=" + position + ", index=" + index +
            ", record_length=" + length + ", capacity=" + CAPACITY, ex.getMessage());
    }

    private void writeRecordLength(final int index, final int length) throws Exception
    {
        WriteWords.write(file(), PipeFiles.recordLengthOffset(PipeEnd.FIRST, CAPACITY, index), Integer.BYTES, length);
    }

    private void writeRecordType(final int index, final int type) throws Exception
    {
        WriteWords.write(file(), PipeFiles.recordTypeOffset(PipeEnd.FIRST, CAPACITY, index), Integer.BYTES, type);
    }
}
