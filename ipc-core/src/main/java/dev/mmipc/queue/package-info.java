/**
 * Queues of byte messages between processes over mapped files: {@link dev.mmipc.queue.MessageQueue} in
 * three modes ({@link dev.mmipc.queue.QueueMode}), its layout ({@link dev.mmipc.queue.QueueDescriptor}) and
 * {@link dev.mmipc.queue.QueueInspector} for tools.
 */
package dev.mmipc.queue;
