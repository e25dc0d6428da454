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
package dev.mmipc.tools;

import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
 * <p>
 * {@code --json} prints one JSON object: the header fields (numbers as numbers, times as epoch ms and ISO-8601),
 * then {@code "state"}: whatever key/values the kind's {@link KindInspector} returns, each value typed by
 * {@link Json#value} (a number as a number, {@code true}/{@code false} as a boolean, else a string), so a new
 * inspector comes out in JSON without more work. A broken or truncated file gives its raw header fields and
 * {@code "error"}.
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

    @Option(names = "--json", description = "Print one JSON object: header fields, then the kind's state.")
    boolean json;

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
            if (json)
            {
                printRawJson(path, raw, raw.truncation(name, path));
            }
            else
            {
                printRaw(path, raw); // never mapped: touching the lost pages could kill this JVM with SIGBUS
            }
            err().println(raw.truncation(name, path));
            return ExitCodes.FAILED;
        }
        try (Region region = Region.open(ns.get(), name, null, 0))
        {
            final RegionHeader header = region.header();
            if (json)
            {
                return printJson(region, header);
            }
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
            if (json)
            {
                printRawJson(path, ex.getMessage());
            }
            else
            {
                printRaw(path);
            }
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

    private void printRawJson(final Path path, final String error)
    {
        try
        {
            printRawJson(path, RawHeader.read(path), error);
        }
        catch (final IOException ex)
        {
            out().println(new Json.Obj().put("name", name).put("file", path.toString()).put("error", error));
        }
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

    private int printJson(final Region region, final RegionHeader header)
    {
        final RegionKind kind = region.kind();
        final Json.Obj obj = new Json.Obj()
            .put("name", name)
            .put("file", header.path().toString())
            .put("magic", "ok")
            .put("major_version", header.majorVersion())
            .put("minor_version", header.minorVersion())
            .put("kind", kind.name())
            .put("kind_code", kind.code())
            .put("state", stateName(header.state()))
            .put("state_code", header.state())
            .put("header_length", header.headerLength())
            .put("payload_length", header.payloadLength())
            .put("file_length", header.fileLength())
            .put("truncated", false)
            .put("creator_pid", header.creatorPid())
            .put("creator_start_ms", header.creatorStartMs())
            .put("creator_start", Formats.isoTime(header.creatorStartMs()))
            .put("creator_alive", header.creatorAlive())
            .put("created_ms", header.createdMs())
            .put("created", Formats.isoTime(header.createdMs()))
            .raw("owner", header.internal() ? Json.quote(header.ownerDescription()) : "null");
        int exitCode = ExitCodes.OK;
        final Optional<KindInspector> inspector = KindInspectors.forKind(kind);
        if (inspector.isEmpty())
        {
            obj.raw("state_fields", "null");
        }
        else
        {
            try
            {
                obj.raw("state_fields", Json.object(inspector.get().describe(region)));
            }
            catch (final RuntimeException ex)
            {
                final String error = "region state unreadable: name=" + name + ", kind=" + kind + ", error=" + ex.getMessage();
                obj.raw("state_fields", "null").put("error", error);
                err().println(error);
                exitCode = ExitCodes.FAILED;
            }
        }
        out().println(obj);
        return exitCode;
    }

    private void printRawJson(final Path path, final RawHeader raw, final String error)
    {
        final Json.Obj obj = new Json.Obj()
            .put("name", name)
            .put("file", path.toString())
            .put("file_length", raw.fileLength())
            .put("truncated", raw.truncated());
        if (raw.truncated() && raw.fileLength() >= RegionDescriptor.HEADER_LENGTH)
        {
            obj.put("expected_length", raw.expectedLength());
        }
        if (raw.complete())
        {
            final RegionKind kind = RegionKind.fromCodeOrNull(raw.kindCode());
            obj.put("magic", raw.magicOk() ? "ok" : "mismatch")
                .put("magic_value", raw.magic())
                .put("major_version", raw.majorVersion())
                .put("minor_version", raw.minorVersion())
                .raw("kind", kind == null ? "null" : Json.quote(kind.name()))
                .put("kind_code", raw.kindCode())
                .put("state", stateName(raw.state()))
                .put("state_code", raw.state())
                .put("header_length", raw.headerLength())
                .put("payload_length", raw.payloadLength())
                .put("creator_pid", raw.creatorPid())
                .put("creator_start_ms", raw.creatorStartMs())
                .put("created_ms", raw.createdMs())
                .put("owner_word", raw.ownerWord());
        }
        obj.put("error", error);
        out().println(obj);
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
        return stateName(state) + " (" + state + ")";
    }

    private static String stateName(final int state)
    {
        return switch (state)
        {
            case RegionDescriptor.STATE_READY -> "ready";
            case RegionDescriptor.STATE_INITIALIZING -> "initializing";
            default -> "unknown";
        };
    }

    private static String timeAndMs(final long epochMs)
    {
        return Formats.time(epochMs) + " (" + epochMs + " ms)";
    }
}
