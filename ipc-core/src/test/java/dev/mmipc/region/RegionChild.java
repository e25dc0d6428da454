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

import dev.mmipc.exceptions.MmipcException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Child JVM for region tests. {@code create DIR NAME PAYLOAD_BYTES}: creates a region in DIR (created
 * as the namespace when missing), prints the modes of the directory and file, or the exception.
 */
public final class RegionChild
{
    private RegionChild()
    {
    }

    /**
     * @param args {@code create DIR NAME PAYLOAD_BYTES}.
     */
    public static void main(final String[] args) throws Exception
    {
        final NamespaceDirectory ns;
        try
        {
            ns = NamespaceDirectory.of(Path.of(args[1]));
            try (Region region = Region.create(ns, args[2], RegionKind.BYTES, Long.parseLong(args[3]), Region.ZEROED))
            {
                System.out.println("dir-mode=" + PosixFilePermissions.toString(Files.getPosixFilePermissions(ns.path())));
                System.out.println("file-mode=" + PosixFilePermissions.toString(Files.getPosixFilePermissions(region.path())));
                System.out.println("created");
            }
        }
        catch (final MmipcException ex)
        {
            System.out.println("error=" + ex.getClass().getSimpleName() + " message=" + ex.getMessage());
            System.out.println("leftover=" + listDir(Path.of(args[1])));
            System.exit(3);
        }
    }

    private static String listDir(final Path dir) throws Exception
    {
        try (var s = Files.list(dir))
        {
            return String.join(",", s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
