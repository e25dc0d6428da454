package dev.mmipc.tools;

import dev.mmipc.region.RegionDescriptor;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version of {@code mmipc}: the project version, the region layout version it reads, and the JVM.
 */
public final class VersionProvider implements CommandLine.IVersionProvider
{
    /**
     * @return the project version from the build, or "unknown".
     */
    public static String projectVersion()
    {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties"))
        {
            if (in == null)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    /**
     * @return the lines printed by {@code --version}.
     */
    @Override
    public String[] getVersion()
    {
        return new String[]
        {
            "mmipc " + projectVersion(),
            "region layout " + RegionDescriptor.MAJOR_VERSION + "." + RegionDescriptor.MINOR_VERSION,
            "java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
