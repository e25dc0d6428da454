/**
 * One mapped file per shared object: the header layout ({@link dev.mmipc.region.RegionDescriptor}),
 * atomic create, validated open, close and unlink ({@link dev.mmipc.region.Region}), and the namespace
 * directory that holds region files ({@link dev.mmipc.region.NamespaceDirectory}).
 */
package dev.mmipc.region;
