/**
 * The transports the benchmarks compare: one {@link dev.mmipc.bench.transport.Transport} class each, one
 * {@link dev.mmipc.bench.transport.TransportPeer} program for all of them.
 */
package dev.mmipc.bench.transport;
