package dev.mmipc.region;

import dev.mmipc.InvalidNameException;
import dev.mmipc.NamespaceException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 * A directory that does not exist is created with mode 0700 whatever the umask. An existing one is
 * refused with {@link NamespaceException} when it is a symbolic link, not a directory, owned by another
 * user, or writable by group or others.
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
     * @param directory a directory to use as namespace; created 0700 when missing.
     * @return the checked directory.
     * @throws NamespaceException when the directory is not safe to use.
     */
    public static NamespaceDirectory of(final Path directory)
    {
        final Path dir = directory.toAbsolutePath().normalize();
        ensureSafeDirectory(dir);
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
        final Path shm = Path.of("/dev/shm");
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

    private static void ensureSafeDirectory(final Path dir)
    {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
        {
            try
            {
                final Path parent = dir.getParent();
                if (parent != null)
                {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                // the umask may have removed bits from the mode given at creation; set it exactly
                Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
            }
            catch (final FileAlreadyExistsException ignore)
            {
                // another process created it first: check it as an existing directory below
            }
            catch (final IOException ex)
            {
                throw new NamespaceException("namespace directory not creatable: dir=" + dir + ", error=" + ex, ex);
            }
        }

        try
        {
            if (Files.isSymbolicLink(dir))
            {
                throw new NamespaceException("namespace directory is a symbolic link: dir=" + dir);
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
            {
                throw new NamespaceException("namespace path is not a directory: dir=" + dir);
            }
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
