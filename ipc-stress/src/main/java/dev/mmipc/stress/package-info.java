/**
 * jcstress tests of mmipc's lock-free code, each over real regions mapped from files in a namespace
 * directory of its own under {@code /dev/shm} ({@link dev.mmipc.stress.StressNamespace}).
 * <p>
 * Every test names each outcome it can see and ends with a catch-all {@code FORBIDDEN}. A state takes its
 * shared objects from a {@link dev.mmipc.stress.RegionPool} and gives them back in its arbiter, so that
 * jcstress can allocate states by the thousand without creating a file for each.
 */
package dev.mmipc.stress;
