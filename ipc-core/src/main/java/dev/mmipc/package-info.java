/**
 * mmipc: shared state and message passing between processes on one machine, through
 * memory-mapped files.
 * <p>
 * {@link dev.mmipc.Namespace} is the entry point: a directory of named shared objects (regions).
 * {@link dev.mmipc.MmipcException} is the root of the exception family; every open-time check on a
 * region file has its own subtype of {@link dev.mmipc.RegionFormatException}.
 */
package dev.mmipc;
