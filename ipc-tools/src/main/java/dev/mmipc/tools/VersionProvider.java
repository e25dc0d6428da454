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
