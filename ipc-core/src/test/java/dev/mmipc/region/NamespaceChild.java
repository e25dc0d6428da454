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

import java.nio.file.Path;

/**
 * Child JVM of {@link PathSafetyTest}: checks (and creates) a namespace directory with this JVM's umask and
 * system properties, prints {@code path=PATH} or {@code error=CLASS message=MESSAGE} (exit 3).
 * <pre>
 * NamespaceChild DIR
 * </pre>
 */
public final class NamespaceChild
{
    private NamespaceChild()
    {
    }

    /**
     * @param args the namespace directory.
     */
    public static void main(final String[] args)
    {
        try
        {
            System.out.println("path=" + NamespaceDirectory.of(Path.of(args[0])).path());
        }
        catch (final MmipcException ex)
        {
            System.out.println("error=" + ex.getClass().getSimpleName() + " message=" + ex.getMessage());
            System.exit(3);
        }
    }
}
