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
import dev.mmipc.region.RegionKind;

/**
 * Child JVM: creates a LONG region, prints {@code created NAME}, keeps it mapped until killed (or 120 s pass).
 */
public final class CreateAndHold
{
    private CreateAndHold()
    {
    }

    /**
     * @param args region name.
     * @throws InterruptedException never expected.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Region region = Region.create(NamespaceDirectory.defaultDirectory(), args[0], RegionKind.LONG, 8, Region.ZEROED);
        System.out.println("created " + region.name());
        System.out.flush();
        Thread.sleep(120_000);
        region.close();
    }
}
