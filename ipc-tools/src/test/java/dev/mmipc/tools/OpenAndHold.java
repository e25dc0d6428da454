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
