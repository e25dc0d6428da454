package dev.mmipc.tools;

import dev.mmipc.region.RegionKind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that maps a region kind to the inspector of its kind-specific state. Adding a kind is
 * one line in the static block; a kind without an inspector is shown by its header alone.
 */
public final class KindInspectors
{
    private static final Map<RegionKind, KindInspector> BY_KIND;

    static
    {
        final Map<RegionKind, KindInspector> byKind = new EnumMap<>(RegionKind.class);
        BY_KIND = Collections.unmodifiableMap(byKind);
    }

    private KindInspectors()
    {
    }

    /**
     * @param kind a region kind.
     * @return its inspector, or empty when only the header can be shown.
     */
    public static Optional<KindInspector> forKind(final RegionKind kind)
    {
        return Optional.ofNullable(BY_KIND.get(kind));
    }
}
