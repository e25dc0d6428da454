/**
 * Runnable examples of processes and the pool (the seeds of the project), exercised by {@code ExamplesTest}.
 */
package dev.mmipc.examples;
