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
