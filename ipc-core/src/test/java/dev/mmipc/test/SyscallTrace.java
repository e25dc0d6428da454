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
package dev.mmipc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a child JVM under {@code strace} to see every call that could shorten a file: {@code truncate},
 * {@code ftruncate}, {@code fallocate} and opens with {@code O_TRUNC}. File descriptors are printed with their
 * paths ({@code -y}), so a call on a namespace file is found by its path whatever descriptor it used.
 */
public final class SyscallTrace
{
    private static final String CALLS = "open,openat,openat2,creat,truncate,ftruncate,fallocate";

    private SyscallTrace()
    {
    }

    /**
     * @return the strace binary, when installed.
     */
    public static Optional<Path> strace()
    {
        return Stream.of("/usr/bin/strace", "/bin/strace").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * @param strace the strace binary.
     * @param log    where strace writes its trace.
     * @return options that run the child JVM (and its threads) under strace.
     */
    public static ChildJvm.Options traced(final Path strace, final Path log)
    {
        // --seccomp-bpf stops the child only on the traced calls: the JVM's futexes run at full speed
        return new ChildJvm.Options().shellPrelude(
            "exec " + strace + " -f -qq -y --seccomp-bpf -e trace=" + CALLS + " -o " + log + " \"$@\"");
    }

    /**
     * @param log a trace written by a child started with {@link #traced}.
     * @param dir a directory.
     * @return every traced line that could shorten a file under {@code dir}.
     */
    public static List<String> truncationsUnder(final Path log, final Path dir)
    {
        return linesUnder(log, dir).stream()
            .filter((line) -> line.contains("truncate(") || line.contains("fallocate(") || line.contains("O_TRUNC"))
            .toList();
    }

    /**
     * @param log a trace written by a child started with {@link #traced}.
     * @param dir a directory.
     * @return every traced line that names a path under {@code dir}: proof that the trace saw the files.
     */
    public static List<String> linesUnder(final Path log, final Path dir)
    {
        try (Stream<String> lines = Files.lines(log))
        {
            return lines.filter((line) -> line.contains(dir + "/")).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
