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

import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;

/**
 * Child JVM: opens a region, prints {@code opened NAME}, keeps it mapped until killed (or 120 s pass).
 */
public final class OpenAndHold
{
    private OpenAndHold()
    {
    }

    /**
     * @param args region name.
     * @throws InterruptedException never expected.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Region region = Region.open(NamespaceDirectory.defaultDirectory(), args[0], null);
        System.out.println("opened " + region.name());
        System.out.flush();
        Thread.sleep(120_000);
        region.close();
    }
}
