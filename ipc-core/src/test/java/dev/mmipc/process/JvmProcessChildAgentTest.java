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

import dev.mmipc.Namespace;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage hook of the launcher ({@link ChildAgent}): the option is added to a child's command line after its
 * JVM arguments, with the property passed on, only when the property is set and not empty.
 */
class JvmProcessChildAgentTest
{
    private static final long TIMEOUT_S = 60;
    /** A harmless JVM option standing in for the agent. */
    private static final String MARKER = "-Dmmipc.test.agentMarker=42";

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldAddNothingWithoutTheProperty()
    {
        final List<String> jvmArgs = List.of("-Xmx64m");
        assertEquals(List.of("-Xmx64m"), ChildAgent.withAgent(jvmArgs, null));
        assertEquals(List.of("-Xmx64m"), ChildAgent.withAgent(jvmArgs, ""));
        assertEquals(List.of(), ChildAgent.withAgent(List.of(), null));
    }

    @Test
    void shouldAddTheOptionAfterTheJvmArgumentsAndPassThePropertyOn()
    {
        final String agent = "-javaagent:/x/agent.jar=destfile=/y/children.exec,includes=dev.mmipc.*";
        final List<String> jvmArgs = List.of("-Xmx64m", "-Da=b");
        assertEquals(List.of("-Xmx64m", "-Da=b", agent, "-Dmmipc.test.childAgent=" + agent), ChildAgent.withAgent(jvmArgs, agent));
        assertEquals(List.of("-Xmx64m", "-Da=b"), jvmArgs, "the builder's list is left as it was");
    }

    @Test
    void shouldStartAChildWithTheOptionWhenThePropertyIsSet() throws Exception
    {
        final String out = runWithProperty(MARKER, "set");
        assertTrue(out.contains("jvmarg=" + MARKER + "\n"), out);
        assertTrue(out.contains("agentprop=" + MARKER + "\n"), out);
    }

    @Test
    void shouldStartAChildWithoutAnAgentWhenThePropertyIsEmpty() throws Exception
    {
        final String out = runWithProperty("", "empty");
        assertFalse(out.contains("-javaagent"), out);
        assertFalse(out.contains("mmipc.test.childAgent"), out);
        assertTrue(out.contains("agentprop=null\n"), out);
    }

    /**
     * Start {@link ProcessMains.JvmArgs} with this JVM's property set to {@code value} for the launch (tests of a
     * class run one at a time; the build's value is restored at once, so only this child goes uncounted).
     */
    private String runWithProperty(final String value, final String label) throws Exception
    {
        final Path log = ns.scratch().resolve("jvmargs-" + label + ".log");
        final String saved = System.getProperty(ChildAgent.PROPERTY);
        final JvmProcess child;
        System.setProperty(ChildAgent.PROPERTY, value);
        try
        {
            child = JvmProcess.ofMain(ProcessMains.JvmArgs.class).namespace(Namespace.of(ns.directory())).logTo(log).start();
        }
        finally
        {
            if (saved == null)
            {
                System.clearProperty(ChildAgent.PROPERTY);
            }
            else
            {
                System.setProperty(ChildAgent.PROPERTY, saved);
            }
        }
        try
        {
            assertTrue(child.join(TIMEOUT_S, TimeUnit.SECONDS), "child did not exit");
            assertEquals(0, child.exitCode().getAsInt(), () -> read(log));
            return read(log);
        }
        finally
        {
            child.kill();
            child.join(30, TimeUnit.SECONDS);
        }
    }

    private static String read(final Path log)
    {
        try
        {
            return Files.readString(log);
        }
        catch (final java.io.IOException ex)
        {
            return "<no output: " + ex + ">";
        }
    }
}
