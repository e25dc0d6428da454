/**
 * How every blocking call in mmipc waits: {@link dev.mmipc.wait.WaitStrategy}, built on Agrona's
 * {@link org.agrona.concurrent.IdleStrategy} family.
 * <p>
 * Every blocking call takes a timeout and answers {@link Thread#interrupt()} with an
 * {@link InterruptedException}. The default, {@link dev.mmipc.wait.WaitStrategy#backoff()}, spins, then
 * yields, then parks for up to a millisecond, so an idle waiter does not burn a core;
 * {@link dev.mmipc.wait.WaitStrategy#busySpin()} trades a core for the lowest wake-up latency.
 */
package dev.mmipc.wait;
