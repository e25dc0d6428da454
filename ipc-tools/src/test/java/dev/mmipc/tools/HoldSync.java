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
package dev.mmipc.tools;

import dev.mmipc.Namespace;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;

/**
 * Child JVM: opens the lock or reentrant lock NAME of the namespace {@code -Dmmipc.dir}, takes it (a reentrant one
 * twice), prints {@code held}, and keeps it until killed (or 120 s pass).
 */
public final class HoldSync
{
    private HoldSync()
    {
    }

    /**
     * @param args {@code lock NAME} or {@code rlock NAME}.
     * @throws InterruptedException never expected.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Namespace ns = Namespace.open();
        if ("rlock".equals(args[0]))
        {
            final RLock lock = RLock.open(ns, args[1]);
            lock.lock();
            lock.lock();
        }
        else
        {
            final Lock lock = Lock.open(ns, args[1]);
            lock.lock();
        }
        System.out.println("held");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
