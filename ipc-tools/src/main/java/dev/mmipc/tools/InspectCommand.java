/*
 * Copyright © 2026 the mmipc authors (${email})
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
package dev.mmipc.tools;

import dev.mmipc.RegionFormatException;
import dev.mmipc.RegionNotFoundException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mmipc inspect NAME}: every header field and the kind-specific state of one region. A broken file
 * is shown as stored, with the error its checks raise, and exits 1. A file shorter than its header says is
 * shown from its header read with {@code pread}, never mapped, with a {@code truncated: yes ...} line.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show every header field of a region and its kind-specific state; for a region mmipc made on " +
        "its own, which object of which process it belongs to (e.g. internal to pool pool-4242-1 of pid 4242).")
final class InspectCommand extends ToolCommand
{
    @Parameters(index = "0", paramLabel = "NAME", description = "Region name.")
    String name;

    @Override
    int run()
    {
        if (!validNames(List.of(name)))
        {
            return ExitCodes.USAGE;
        }
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        if (ns.isEmpty())
        {
            err().println(notFound(name));
            return ExitCodes.FAILED;
        }
        final Path path = ns.get().resolve(name);
        final RawHeader raw = RegionEntry.rawOrNull(path);
        if (raw != null && raw.truncated())
        {
            printRaw(path, raw); // never mapped: touching the lost pages could kill this JVM with SIGBUS
            err().println(raw.truncation(name, path));
            return ExitCodes.FAILED;
        }
        try (Region region = Region.open(ns.get(), name, null, 0))
        {
            final RegionHeader header = region.header();
            final KeyValues lines = new KeyValues()
                .put("name", name)
                .put("file", header.path().toString())
                .put("magic", "ok")
                .put("version", header.majorVersion() + "." + header.minorVersion())
                .put("kind", header.kind().name() + " (code " + header.kind().code() + ")")
                .put("state", state(header.state()))
                .put("header length", Long.toString(header.headerLength()))
                .put("payload length", Long.toString(header.payloadLength()))
                .put("file length", Long.toString(header.fileLength()))
                .put("truncated", "no")
                .put("creator pid", Long.toString(header.creatorPid()))
                .put("creator start", timeAndMs(header.creatorStartMs()))
                .put("creator alive", Formats.creatorAlive(header))
                .put("created", timeAndMs(header.createdMs()))
                .put("owner", header.ownerDescription());
            lines.print(out(), "");
            return printKindState(region);
        }
        catch (final RegionNotFoundException ex)
        {
            err().println(notFound(name));
            return ExitCodes.FAILED;
        }
        catch (final RegionFormatException ex)
        {
            printRaw(path);
            err().println(ex.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private int printKindState(final Region region)
    {
        final RegionKind kind = region.kind();
        out().println();
        final Optional<KindInspector> inspector = KindInspectors.forKind(kind);
        if (inspector.isEmpty())
        {
            out().println(kind.name() + " state: not decoded (no inspector for this kind), header only");
            return ExitCodes.OK;
        }
        final Map<String, String> state;
        try
        {
            state = inspector.get().describe(region);
        }
        catch (final RuntimeException ex)
        {
            err().println("region state unreadable: name=" + name + ", kind=" + kind + ", error=" + ex.getMessage());
            return ExitCodes.FAILED;
        }
        out().println(kind.name() + " state:");
        new KeyValues().putAll(state).print(out(), "  ");
        return ExitCodes.OK;
    }

    private void printRaw(final Path path)
    {
        final RawHeader raw;
        try
        {
            raw = RawHeader.read(path);
        }
        catch (final IOException ex)
        {
            err().println("region file unreadable: name=" + name + ", file=" + path + ", error=" + ex);
            return;
        }
        printRaw(path, raw);
    }

    private void printRaw(final Path path, final RawHeader raw)
    {
        final KeyValues lines = new KeyValues()
            .put("name", name)
            .put("file", path.toString())
            .put("file length", Long.toString(raw.fileLength()))
            .put("truncated", truncation(raw));
        if (!raw.complete())
        {
            lines.put("header", "incomplete (fixed fields need " + RegionDescriptor.FIXED_LENGTH + " bytes)");
            lines.print(out(), "");
            return;
        }
        final RegionKind kind = RegionKind.fromCodeOrNull(raw.kindCode());
        lines
            .put("magic", raw.magicOk() ? "ok" : "mismatch (0x" + Long.toHexString(raw.magic()) + ")")
            .put("version", raw.majorVersion() + "." + raw.minorVersion())
            .put("kind", (kind == null ? "unknown" : kind.name()) + " (code " + raw.kindCode() + ")")
            .put("state", state(raw.state()))
            .put("header length", Long.toString(raw.headerLength()))
            .put("payload length", Long.toString(raw.payloadLength()))
            .put("creator pid", Long.toString(raw.creatorPid()))
            .put("creator start", timeAndMs(raw.creatorStartMs()))
            .put("created", timeAndMs(raw.createdMs()))
            .put("owner word", "0x" + Long.toHexString(raw.ownerWord()))
            .print(out(), "");
    }

    private static String truncation(final RawHeader raw)
    {
        if (!raw.truncated())
        {
            return "no";
        }
        if (raw.fileLength() < RegionDescriptor.HEADER_LENGTH)
        {
            return "yes: shorter than any region header (" + RegionDescriptor.HEADER_LENGTH + " bytes)";
        }
        return "yes: the header says " + raw.expectedLength() + " bytes (header " + raw.headerLength() + " + payload " +
            raw.payloadLength() + "), the file has " + raw.fileLength() + "; a process that maps it can die with SIGBUS";
    }

    private static String state(final int state)
    {
        final String text = switch (state)
        {
            case RegionDescriptor.STATE_READY -> "ready";
            case RegionDescriptor.STATE_INITIALIZING -> "initializing";
            default -> "unknown";
        };
        return text + " (" + state + ")";
    }

    private static String timeAndMs(final long epochMs)
    {
        return Formats.time(epochMs) + " (" + epochMs + " ms)";
    }
}
