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
import java.util.List;

/**
 * Test and coverage support, not for production: the system property {@value #PROPERTY} holds one JVM option, in
 * practice the JaCoCo agent ({@code -javaagent:JAR=destfile=FILE,...}), that {@link JvmProcess.Builder#start()} adds
 * to every child's command line after the extra JVM arguments, with the property itself, so that the child's own
 * children get it too. The build's tests set it to count the child JVMs' coverage (README, "Tests"); absent or
 * empty, nothing is added and the command line is exactly what the builder was given.
 */
final class ChildAgent
{
    /** The system property holding the option. */
    static final String PROPERTY = "mmipc.test.childAgent";

    private ChildAgent()
    {
    }

    /**
     * @param jvmArgs     the child's extra JVM arguments.
     * @param agentOption the value of {@value #PROPERTY}, may be null.
     * @return {@code jvmArgs} when the option is null or empty, else {@code jvmArgs} followed by the option and the
     * property passed on.
     */
    static List<String> withAgent(final List<String> jvmArgs, final String agentOption)
    {
        if (agentOption == null || agentOption.isEmpty())
        {
            return jvmArgs;
        }
        final List<String> args = new ArrayList<>(jvmArgs);
        args.add(agentOption);
        args.add("-D" + PROPERTY + "=" + agentOption);
        return args;
    }
}
