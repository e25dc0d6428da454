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
 * How every blocking call in mmipc waits: {@link dev.mmipc.wait.WaitStrategy}, built on Agrona's
 * {@link org.agrona.concurrent.IdleStrategy} family.
 * <p>
 * Every blocking call takes a timeout and answers {@link Thread#interrupt()} with an
 * {@link InterruptedException}. The default, {@link dev.mmipc.wait.WaitStrategy#backoff()}, spins, then
 * yields, then parks for up to a millisecond, so an idle waiter does not burn a core;
 * {@link dev.mmipc.wait.WaitStrategy#busySpin()} trades a core for the lowest wake-up latency.
 */
package dev.mmipc.wait;
