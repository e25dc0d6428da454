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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A region file owned by another user inside our namespace (only root can put one there) is refused at open,
 * as a directory owned by another user is.
 */
class RegionOwnerTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRefuseRegionFileOwnedByAnotherUser() throws Exception
    {
        final int uid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assumeTrue(uid == 0, "needs root to give a file to another user: uid=" + uid);
        final Namespace namespace = Namespace.of(ns.directory());
        SharedLong.create(namespace, "planted", 7).close();
        final Path file = ns.path().resolve("planted");
        Files.setAttribute(file, "unix:uid", 65534);

        final NamespaceException ex = assertThrows(NamespaceException.class, () -> SharedLong.open(namespace, "planted"));
        assertEquals("region file owned by another user: name=planted, file=" + file + ", owner_uid=65534, uid=0",
            ex.getMessage());
        assertThrows(NamespaceException.class, () -> namespace.header("planted"));

        Files.setAttribute(file, "unix:uid", 0);
        try (SharedLong value = SharedLong.open(namespace, "planted"))
        {
            assertEquals(7, value.get());
        }
    }
}
