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
package dev.mmipc;

import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.exceptions.RegionIoException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHeader;

import java.nio.file.Path;
import java.util.List;

/**
 * A namespace of named shared objects: the entry point to mmipc.
 * <p>
 * Processes meet by name: one creates {@code SharedLong.create(ns, "hits")}, others open
 * {@code SharedLong.open(ns, "hits")}; a child process receives a name, never a copy of memory.
 * <pre>{@code
 * Namespace ns = Namespace.open();              // -Dmmipc.dir, $MMIPC_DIR or /dev/shm/mmipc-$USER
 * Namespace ns = Namespace.at(Path.of("/dev/shm/my-app"));
 * }</pre>
 * See {@link NamespaceDirectory} for where the directory is and how it is checked.
 */
public final class Namespace
{
    private final NamespaceDirectory directory;

    private Namespace(final NamespaceDirectory directory)
    {
        this.directory = directory;
    }

    /**
     * @return the default namespace (system property {@code mmipc.dir}, environment {@code MMIPC_DIR},
     * else {@code /dev/shm/mmipc-$USER}).
     */
    public static Namespace open()
    {
        return new Namespace(NamespaceDirectory.defaultDirectory());
    }

    /**
     * @param directory the namespace directory; created 0700 when missing, and so are missing parents.
     * @return the namespace.
     * @throws NamespaceException when the directory is not private to this user, or a component of its path is a
     *                            symbolic link (see {@link NamespaceDirectory} for the rule).
     */
    public static Namespace at(final Path directory)
    {
        return new Namespace(NamespaceDirectory.of(directory));
    }

    /**
     * @param directory a checked namespace directory.
     * @return the namespace.
     */
    public static Namespace of(final NamespaceDirectory directory)
    {
        return new Namespace(directory);
    }

    /**
     * @return the checked directory.
     */
    public NamespaceDirectory directory()
    {
        return directory;
    }

    /**
     * @return the directory's path.
     */
    public Path path()
    {
        return directory.path();
    }

    /**
     * @return the names of the regions present, sorted.
     */
    public List<String> list()
    {
        return directory.list();
    }

    /**
     * @param name a region name.
     * @return true if the name is taken: by a region, or by anything else (a symbolic link, even a dangling one, is
     * not followed), which {@code create} then refuses as taken and {@code open} refuses as unsafe.
     */
    public boolean exists(final String name)
    {
        return java.nio.file.Files.exists(directory.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * @param name a region name.
     * @return its header, checked as {@code open} checks it.
     */
    public RegionHeader header(final String name)
    {
        return Region.readHeader(directory, name);
    }

    /**
     * Remove a region's name; processes that map it keep working.
     *
     * @param name a region name.
     * @return true if it existed and was removed.
     */
    public boolean unlink(final String name)
    {
        try
        {
            return java.nio.file.Files.deleteIfExists(directory.resolve(name));
        }
        catch (final java.io.IOException ex)
        {
            throw new RegionIoException("region not removable: name=" + name + ", dir=" + path() + ", error=" + ex, ex);
        }
    }

    @Override
    public String toString()
    {
        return "Namespace{" + directory + '}';
    }
}
