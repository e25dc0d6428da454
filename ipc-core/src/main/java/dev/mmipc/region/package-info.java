/**
 * One mapped file per shared object: the header layout ({@link dev.mmipc.region.RegionDescriptor}),
 * atomic create, validated open, close and unlink ({@link dev.mmipc.region.Region}), the file locks that keep
 * a region in use from being removed and the JVM-wide table of held files behind them
 * ({@link dev.mmipc.region.RegionFiles}), and the namespace directory that holds region files
 * ({@link dev.mmipc.region.NamespaceDirectory}); the owner word that marks a
 * region mmipc made on its own as internal to the object that made it ({@link dev.mmipc.region.RegionOwner}).
 */
package dev.mmipc.region;
