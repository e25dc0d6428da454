/**
 * One mapped file per shared object: the header layout ({@link dev.mmipc.region.RegionDescriptor}),
 * atomic create, validated open, close and unlink ({@link dev.mmipc.region.Region}), the file locks that keep
 * a region in use from being removed and the JVM-wide table of held files behind them
 * ({@link dev.mmipc.region.RegionFiles}), and the namespace directory that holds region files
 * ({@link dev.mmipc.region.NamespaceDirectory}).
 */
package dev.mmipc.region;
