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

import dev.mmipc.exceptions.JvmFlagException;

/**
 * Checks, once, that the JVM can run Agrona 2.x, which reads {@code jdk.internal.misc.Unsafe}.
 * <p>
 * Without {@value #AGRONA_FLAG} the first touch of an Agrona buffer fails deep inside Agrona with an
 * {@code IllegalAccessError}; this check fails first, with a message that names the flag.
 */
public final class JvmFlags
{
    /** The flag every JVM that uses mmipc must be started with. */
    public static final String AGRONA_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private static volatile boolean checked;

    private JvmFlags()
    {
    }

    /**
     * @return true if {@code jdk.internal.misc} is exported to the code that runs mmipc.
     */
    public static boolean agronaAccessible()
    {
        final Module javaBase = Object.class.getModule();
        return javaBase.isExported("jdk.internal.misc", JvmFlags.class.getModule());
    }

    /**
     * Throws unless Agrona can run in this JVM.
     *
     * @throws JvmFlagException naming the missing flag.
     */
    public static void ensureAgronaAccessible()
    {
        if (checked)
        {
            return;
        }
        if (!agronaAccessible())
        {
            throw new JvmFlagException(
                "missing jvm flag: flag=\"" + AGRONA_FLAG + "\", reason=agrona 2.x needs jdk.internal.misc.Unsafe, " +
                "java=" + Runtime.version());
        }
        checked = true;
    }
}
