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
package dev.mmipc.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One shutdown hook per JVM that removes the regions mmipc made on its own and whose owners are still open when
 * the JVM exits: after an uncaught exception in {@code main}, {@code System.exit}, or SIGTERM/SIGINT/SIGHUP (a
 * {@code kill -9} runs no hook: then the owner's daemon children remove them, see {@link ParentWatch}).
 * <p>
 * An owner registers a cleanup when it makes its first region and cancels it once it has removed them itself.
 * The hook runs every cleanup still registered, one after another in registration order, each guarded so that
 * one failure does not stop the others. A cleanup must only unlink names and must not wait: the hook must not
 * hang the JVM's exit, nor deadlock with an owner's {@code close()} running at the same time in another thread
 * (or in another hook). After the hook has started, {@link #register} refuses new owners, which would otherwise
 * never be cleaned up.
 * <p>
 * Public for {@code dev.mmipc.pool}, which sits above this package; not meant for applications.
 */
public final class ShutdownCleanup
{
    private static final Set<Registration> REGISTERED = new LinkedHashSet<>();
    private static boolean hookInstalled;
    private static boolean running;

    private ShutdownCleanup()
    {
    }

    /**
     * @param owner   the owner's name, for messages.
     * @param cleanup unlinks the owner's regions; runs at most once, in the hook.
     * @return the registration, to {@link Registration#cancel() cancel} once the owner removed its regions itself.
     * @throws IllegalStateException when the JVM is already shutting down.
     */
    public static synchronized Registration register(final String owner, final Runnable cleanup)
    {
        if (running)
        {
            throw shuttingDown(owner, null);
        }
        if (!hookInstalled)
        {
            try
            {
                Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::runAll, "mmipc-shutdown-cleanup"));
            }
            catch (final IllegalStateException ex)
            {
                throw shuttingDown(owner, ex); // the JVM's shutdown has begun: nothing is registered
            }
            hookInstalled = true;
        }
        final Registration registration = new Registration(owner, cleanup);
        REGISTERED.add(registration);
        return registration;
    }

    private static IllegalStateException shuttingDown(final String owner, final Throwable cause)
    {
        return new IllegalStateException("jvm shutting down, no new owner of regions: owner=" + owner, cause);
    }

    private static void runAll()
    {
        final List<Registration> snapshot;
        synchronized (ShutdownCleanup.class)
        {
            running = true;
            snapshot = new ArrayList<>(REGISTERED);
            REGISTERED.clear();
        }
        for (final Registration registration : snapshot)
        {
            try
            {
                registration.cleanup.run();
            }
            catch (final Throwable ex)
            {
                System.err.println("mmipc: regions not removed at exit: owner=" + registration.owner + ", error=" + ex);
            }
        }
    }

    /**
     * An owner's cleanup, registered until it is cancelled or the hook runs.
     */
    public static final class Registration
    {
        private final String owner;
        private final Runnable cleanup;

        private Registration(final String owner, final Runnable cleanup)
        {
            this.owner = owner;
            this.cleanup = cleanup;
        }

        /**
         * The owner removed its regions itself: the hook need not. Idempotent.
         */
        public void cancel()
        {
            synchronized (ShutdownCleanup.class)
            {
                REGISTERED.remove(this);
            }
        }
    }
}
