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

import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mmipc gc} against regions whose creator was killed ({@code kill -9}, real child JVMs) while they still held
 * something for someone: kept, saying why, without {@code --force}; removed with it. An empty queue of a dead creator
 * is removed as before.
 */
class GcUndeliveredTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private ChildJvm filled(final String kind, final String name, final int count)
    {
        final ChildJvm child = ns.startChild(FillAndHold.class, kind, name, Integer.toString(count));
        child.awaitOutput("filled " + name, CHILD_TIMEOUT);
        return child;
    }

    @Test
    void shouldKeepAQueueWithUndeliveredMessagesOfAKilledCreatorUnlessForced()
    {
        final ChildJvm creator = filled("queue", "jobs", 12);
        final ChildJvm emptyCreator = filled("queue", "empty", 0);
        creator.kill9();
        emptyCreator.kill9();

        final Cli.Result kept = Cli.run(ns.path(), "gc");

        assertEquals(0, kept.exitCode(), "keeping is no failure: " + kept);
        assertEquals(List.of(
            "ACTION   NAME   REASON",
            "removed  empty  creator dead: pid=" + emptyCreator.pid() + ", not locked, no mapping seen",
            "kept     jobs   creator dead: pid=" + creator.pid() + ", undelivered messages=12 (use --force)",
            "gc: removed=1, kept=1, dir=" + ns.path()), kept.out().lines().toList());
        assertTrue(Files.exists(ns.path().resolve("jobs")));
        assertFalse(Files.exists(ns.path().resolve("empty")));

        final Cli.Result json = Cli.run(ns.path(), "gc", "--json", "--dry-run");
        final Map<String, Object> obj = JsonParser.object(json.out());
        assertEquals(List.of(Map.of("action", "kept", "name", "jobs", "reason", "creator dead: pid=" + creator.pid() +
            ", undelivered messages=12 (use --force)", "refused", "undelivered messages", "messages", 12L)),
            obj.get("regions"));

        final Cli.Result forced = Cli.run(ns.path(), "gc", "--force");

        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals(List.of(
            "ACTION   NAME  REASON",
            "removed  jobs  creator dead: pid=" + creator.pid() + ", undelivered messages=12, not locked, no mapping seen",
            "gc: removed=1, kept=0, dir=" + ns.path()), forced.out().lines().toList());
        assertFalse(Files.exists(ns.path().resolve("jobs")));
    }

    @Test
    void shouldKeepAPipeWithUnreadBytesAndAJoinableQueueWithUnfinishedTasksUnlessForced()
    {
        final ChildJvm piper = filled("pipe", "chat", 100);
        final ChildJvm tasker = filled("joinable", "work", 3);
        piper.kill9();
        tasker.kill9();

        final Cli.Result kept = Cli.run(ns.path(), "gc", "--json");

        assertEquals(0, kept.exitCode(), kept::toString);
        final Map<String, Object> obj = JsonParser.object(kept.out());
        assertEquals(0L, obj.get("removed"));
        assertEquals(3L, obj.get("kept"));
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> regions = (List<Map<String, Object>>)obj.get("regions");
        assertEquals(List.of("chat", "work", "work.tasks"), regions.stream().map(r -> r.get("name")).toList());
        assertEquals("unread bytes", regions.get(0).get("refused"));
        assertTrue((Long)regions.get(0).get("bytes") >= 100, regions.get(0)::toString);
        assertEquals("undelivered messages", regions.get(1).get("refused"));
        assertEquals(3L, regions.get(1).get("messages"));
        assertEquals("unfinished tasks", regions.get(2).get("refused"));
        assertEquals(3L, regions.get(2).get("tasks"));
        assertEquals("creator dead: pid=" + tasker.pid() + ", unfinished tasks=3 (use --force)", regions.get(2).get("reason"));

        final Cli.Result forced = Cli.run(ns.path(), "gc", "--force");

        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.out().endsWith("gc: removed=3, kept=0, dir=" + ns.path() + "\n"), forced::toString);
        assertEquals(List.of(), ns.filesButLivenessTable());
    }
}
