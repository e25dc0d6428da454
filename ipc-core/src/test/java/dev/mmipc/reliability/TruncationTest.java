package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class TruncationTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final int LENGTH = 1 << 16; // 512 KiB of payload: many pages

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /**
     * What HotSpot (JDK 17) does, and the README documents: a SIGBUS in an Unsafe access to a mapped file that
     * shrank becomes an asynchronous {@link InternalError} in the accessing thread, compiled or interpreted,
     * for loads, stores and copies alike; the JVM lives on.
     */
    @ParameterizedTest
    @CsvSource({"plain,", "volatile,", "copy,", "loop,", "write,", "plain,-Xint", "copy,-Xint", "write,-Xint"})
    void shouldThrowInternalErrorNotCrashWhenTheMappedFileIsTruncated(final String mode, final String flag)
        throws IOException
    {
        try (SharedLongArray array = SharedLongArray.create(Namespace.of(ns.directory()), "victim", LENGTH))
        {
            array.set(LENGTH - 1, 42);
        }
        final ChildJvm reader = ns.startChild(
            new ChildJvm.Options().jvmArgs(
                "-XX:ErrorFile=" + ns.scratch().resolve("hs_err_%p.log"), "-XX:-CreateCoredumpOnCrash",
                flag == null ? "-XX:+UseSerialGC" : flag),
            TruncatedReader.class, "victim", mode);
        reader.awaitOutput("mapped length=", CHILD_TIMEOUT);

        // another process (this one) cuts the file under the child's mapping: the last pages are gone
        try (FileChannel channel = FileChannel.open(ns.path().resolve("victim"), StandardOpenOption.WRITE))
        {
            channel.truncate(RegionDescriptor.HEADER_LENGTH + 4096);
        }
        final int status = reader.waitFor(CHILD_TIMEOUT);
        final String output = reader.output();
        assertEquals(0, status, () -> "the reading JVM died: mode=" + mode + ", flag=" + flag + "\n" + output);
        assertTrue(output.contains(
            "caught java.lang.InternalError: a fault occurred in a recent unsafe memory access operation"), output);
    }
}
