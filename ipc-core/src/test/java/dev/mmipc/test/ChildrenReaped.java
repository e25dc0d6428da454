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
package dev.mmipc.test;

import dev.mmipc.process.JvmProcess;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After each test, every child JVM still running ({@link JvmProcess#activeChildren()}) is killed and reaped, within
 * 30 s each.
 */
public final class ChildrenReaped implements AfterEachCallback
{
    private static final long REAP_TIMEOUT_S = 30;

    @Override
    public void afterEach(final ExtensionContext context) throws InterruptedException
    {
        for (final JvmProcess child : JvmProcess.activeChildren())
        {
            child.kill();
            assertTrue(child.join(REAP_TIMEOUT_S, TimeUnit.SECONDS), "child not reaped: " + child);
        }
    }
}
