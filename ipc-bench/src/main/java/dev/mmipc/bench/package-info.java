/**
 * JMH benchmarks of mmipc and its peers, and the peer processes they start; run from the shaded
 * {@code ipc-bench/target/benchmarks.jar}.
 */
package dev.mmipc.bench;
