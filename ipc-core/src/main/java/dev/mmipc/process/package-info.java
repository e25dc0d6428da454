/**
 * Processes: the identity (pid + start time) that liveness checks rely on; launching JVMs and the
 * process pool come here too.
 */
package dev.mmipc.process;
