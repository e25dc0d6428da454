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

import dev.mmipc.exceptions.InvalidNameException;
import dev.mmipc.exceptions.NamespaceException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The directory that holds a namespace's region files, checked to be private to this user.
 * <p>
 * Where it is, first match wins: the path given to {@link #of(Path)}; the system property
 * {@value #DIR_PROPERTY}; the environment variable {@value #DIR_ENV}; {@code /dev/shm/mmipc-USER};
 * {@code ${java.io.tmpdir}/mmipc-USER} where {@code /dev/shm} is missing.
 * <p>
 * The path is walked from the root one component at a time, never following a link. A component that is
 * missing is created with mode 0700 whatever the umask, parents included. A component that is a symbolic
 * link or not a directory is refused with {@link NamespaceException} naming it, whoever owns it, with one
 * exception: a leading {@code /dev/shm} or {@code ${java.io.tmpdir}} is the system's set-up, resolved to its
 * real path once (so a system where {@code /dev/shm} links to {@code /run/shm} works, and the namespace's
 * {@link #path()} is then under {@code /run/shm}); what lies below it must be free of links. A path elsewhere
 * with a link in it (a home directory reached through a link, say) is refused: pass its
 * {@link Path#toRealPath real path}. The last component, the namespace directory itself, is refused when
 * it is owned by another user or writable by group or others. Parents that already exist are not checked
 * for owner or mode: keep namespaces under directories that only you can change, or sticky ones like
 * {@code /dev/shm} and {@code /tmp}.
 */
public final class NamespaceDirectory
{
    /** System property that overrides the default directory. */
    public static final String DIR_PROPERTY = "mmipc.dir";

    /** Environment variable that overrides the default directory (after the system property). */
    public static final String DIR_ENV = "MMIPC_DIR";

    /** What a region name must match. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Mode of the namespace directory. */
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    /** Mode of every region file, from the moment it exists. */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private static final String SHM = "/dev/shm";

    private final Path path;
    private final RegionOwner owner;

    private NamespaceDirectory(final Path path, final RegionOwner owner)
    {
        this.path = path;
        this.owner = owner;
    }

    /**
     * @return the namespace directory resolved from property, environment or default, created and checked.
     */
    public static NamespaceDirectory defaultDirectory()
    {
        return of(defaultPath(System.getProperty(DIR_PROPERTY), System.getenv()));
    }

    /**
     * @param directory a directory to use as namespace; created 0700 when missing, and so are missing parents.
     * @return the checked directory.
     * @throws NamespaceException when the directory is null or not safe to use, naming the component at fault.
     */
    public static NamespaceDirectory of(final Path directory)
    {
        if (directory == null)
        {
            throw new NamespaceException("namespace directory missing: dir=null");
        }
        final Path dir = checkedPath(directory);
        ensureSafeDirectory(directory, dir);
        return new NamespaceDirectory(dir, null);
    }

    /**
     * Where the namespace is when no path is given.
     *
     * @param property value of {@value #DIR_PROPERTY}, or null.
     * @param env      the environment, for {@value #DIR_ENV}.
     * @return the path, not yet checked.
     */
    public static Path defaultPath(final String property, final Map<String, String> env)
    {
        if (property != null && !property.isBlank())
        {
            return Path.of(property);
        }
        final String fromEnv = env.get(DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank())
        {
            return Path.of(fromEnv);
        }
        final String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        final Path shm = Path.of(SHM);
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("mmipc-" + user);
    }

    /**
     * @return the directory.
     */
    public Path path()
    {
        return path;
    }

    /**
     * The same directory, through which every region created is marked internal to {@code owner}: for the
     * objects that make regions on their own (a process pool), so that tools tell these from the user's and
     * {@code mmipc gc} removes them once the owner's process is dead. The owner process is the creator.
     *
     * @param owner the owning object, or null for regions that the user names.
     * @return a directory of the same path that creates regions internal to the owner.
     */
    public NamespaceDirectory withOwner(final RegionOwner owner)
    {
        return new NamespaceDirectory(path, owner);
    }

    /**
     * @return whom the regions created through this directory belong to, or null for regions the user names.
     */
    public RegionOwner owner()
    {
        return owner;
    }

    /**
     * @param name a region name.
     * @return the path of the region file of that name.
     * @throws InvalidNameException when the name is not valid.
     */
    public Path resolve(final String name)
    {
        return path.resolve(validateName(name));
    }

    /**
     * @return the names of the region files present, sorted; temporary files of creations in progress
     * are not listed.
     */
    public List<String> list()
    {
        final List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path))
        {
            for (final Path entry : stream)
            {
                final String name = entry.getFileName().toString();
                if (isValidName(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS))
                {
                    names.add(name);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new NamespaceException("namespace not readable: dir=" + path + ", error=" + ex, ex);
        }
        Collections.sort(names);
        return names;
    }

    /**
     * @param name a candidate region name.
     * @return true when it matches {@link #NAME_PATTERN}.
     */
    public static boolean isValidName(final String name)
    {
        return name != null && NAME_PATTERN.matcher(name).matches();
    }

    /**
     * @param name a candidate region name.
     * @return the name.
     * @throws InvalidNameException naming what is wrong with it.
     */
    public static String validateName(final String name)
    {
        if (isValidName(name))
        {
            return name;
        }
        final String reason;
        if (name == null || name.isEmpty())
        {
            reason = "empty";
        }
        else if (name.length() > 128)
        {
            reason = "longer than 128 characters";
        }
        else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0)
        {
            reason = "contains a path separator";
        }
        else if (name.charAt(0) == '.' || name.charAt(0) == '-' || name.charAt(0) == '_')
        {
            reason = "must start with a letter or digit";
        }
        else
        {
            reason = "only A-Z a-z 0-9 . _ - allowed";
        }
        final String shown = name == null ? "null" :
            name.length() > 40 ? "\"" + name.substring(0, 40) + "...\"" : "\"" + name + "\"";
        throw new InvalidNameException(
            "invalid region name: name=" + shown + ", length=" + (name == null ? 0 : name.length()) +
            ", reason=" + reason + ", pattern=" + NAME_PATTERN.pattern());
    }

    /**
     * The path that is checked and used: absolute and normalised, with a leading {@code /dev/shm} or
     * {@code java.io.tmpdir} replaced by its real path (the system's set-up, resolved once: where
     * {@code /dev/shm} links to {@code /run/shm}, the namespace is under {@code /run/shm}).
     *
     * @param directory the path given.
     * @return the path to check, component by component.
     */
    static Path checkedPath(final Path directory)
    {
        final Path dir = directory.toAbsolutePath().normalize();
        Path base = null;
        for (final Path candidate : systemBases())
        {
            if (dir.startsWith(candidate) && (base == null || candidate.getNameCount() > base.getNameCount()))
            {
                base = candidate; // the longest one: a tmpdir under /dev/shm is resolved as a whole
            }
        }
        if (base == null)
        {
            return dir;
        }
        try
        {
            return base.toRealPath().resolve(base.relativize(dir));
        }
        catch (final IOException ex)
        {
            return dir; // base missing or unreadable: the walk reports what it finds
        }
    }

    private static List<Path> systemBases()
    {
        final List<Path> bases = new ArrayList<>(2);
        bases.add(Path.of(SHM));
        final String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isBlank())
        {
            bases.add(Path.of(tmp).toAbsolutePath().normalize());
        }
        return bases;
    }

    /**
     * Walk the path from the root, never following a link: a component that is a symbolic link or not a
     * directory is refused, one that is missing is created 0700 (exactly, whatever the umask); then check the
     * last one is ours and private.
     */
    private static void ensureSafeDirectory(final Path given, final Path dir)
    {
        Path component = dir.getRoot();
        for (final Path part : dir)
        {
            component = component.resolve(part);
            final boolean leaf = component.equals(dir);
            final BasicFileAttributes attributes = createOrRead(given, component);
            if (attributes.isSymbolicLink())
            {
                throw new NamespaceException(leaf ?
                    "namespace directory is a symbolic link: dir=" + component :
                    "namespace path has a symbolic link: dir=" + given + ", component=" + component);
            }
            if (!attributes.isDirectory())
            {
                throw new NamespaceException(leaf ?
                    "namespace path is not a directory: dir=" + component :
                    "namespace path component is not a directory: dir=" + given + ", component=" + component);
            }
        }

        try
        {
            final int ownerUid = (Integer)Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            final int myUid = currentUid();
            if (ownerUid != myUid)
            {
                throw new NamespaceException(
                    "namespace directory owned by another user: dir=" + dir + ", owner_uid=" + ownerUid +
                    ", uid=" + myUid);
            }
            final Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE))
            {
                throw new NamespaceException(
                    "namespace directory writable by group or others: dir=" + dir + ", mode=" +
                    PosixFilePermissions.toString(perms));
            }
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new NamespaceException("namespace directory not checkable: dir=" + dir + ", error=" + ex, ex);
        }
    }

    /**
     * @return the component's own attributes (a link is not followed), after creating it 0700 when missing.
     */
    private static BasicFileAttributes createOrRead(final Path given, final Path component)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return Files.readAttributes(component, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            catch (final NoSuchFileException missing)
            {
                if (attempt > 0)
                {
                    throw new NamespaceException(
                        "namespace directory removed while created: dir=" + given + ", component=" + component, missing);
                }
                createPrivate(given, component);
            }
            catch (final IOException | UnsupportedOperationException ex)
            {
                throw new NamespaceException(
                    "namespace directory not checkable: dir=" + given + ", component=" + component + ", error=" + ex,
                    ex);
            }
        }
    }

    private static void createPrivate(final Path given, final Path component)
    {
        try
        {
            Files.createDirectory(component, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            // the umask may have removed bits from the mode given at creation: set it exactly, on the directory
            // itself (fchmod of a descriptor opened without following links), never through a link put in its place
            Files.getFileAttributeView(component, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(DIRECTORY_MODE);
        }
        catch (final FileAlreadyExistsException ignore)
        {
            // another process created it first: the caller checks what is there now
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new NamespaceException(
                "namespace directory not creatable: dir=" + given + ", component=" + component + ", error=" + ex, ex);
        }
    }

    /**
     * @return the real user id of this process.
     */
    static int currentUid()
    {
        try
        {
            // /proc/self belongs to the process's own uid
            return (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new NamespaceException("cannot tell own uid: path=/proc/self, error=" + ex, ex);
        }
    }

    @Override
    public String toString()
    {
        return path.toString();
    }
}
