/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
/**
 * Who a process is and whether it lives, for every structure that records an owner in shared memory: locks and
 * their relatives, queue leases and claims, the counters allocation lock, pipe ends, region creators.
 * <p>
 * {@link dev.mmipc.liveness.ProcessIdentity} is a pid and a start time. Each namespace directory holds a
 * liveness table ({@link dev.mmipc.liveness.LivenessDescriptor}, file {@code .liveness}) in which every process
 * that opens or creates a region there records its pid, start time and PID namespace, and renews a heartbeat
 * from one daemon thread per JVM ({@code mmipc-heartbeat}). {@link dev.mmipc.liveness.Liveness} judges an owner:
 * in the judge's own PID namespace by asking the OS (pid alive with that start time), in another PID namespace
 * (containers sharing {@code /dev/shm}) by the heartbeat's age alone, never because a pid is missing from the
 * judge's view.
 * <p>
 * Owners in shared memory are written in the encodings of {@link dev.mmipc.liveness.OwnerWords} (a lock word with a
 * generation, {@link dev.mmipc.liveness.LockWord}; an identity word naming a process, recorded for bare pids in an
 * {@link dev.mmipc.liveness.OwnerTable}). Every waiter blocked by another process's word watches it with a
 * {@link dev.mmipc.liveness.StallWatch} and asks for a judgement once the word has not changed for the liveness
 * timeout ({@link dev.mmipc.liveness.Timeouts}).
 * <p>
 * Layer: above the exceptions, below {@code wait}, {@code codec} and {@code region}; imports nothing of mmipc but
 * the exception family.
 */
package dev.mmipc.liveness;
