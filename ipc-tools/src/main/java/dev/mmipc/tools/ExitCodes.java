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

/**
 * Exit codes of every {@code mmipc} command.
 */
public final class ExitCodes
{
    /** Everything went as asked. */
    public static final int OK = 0;

    /** A named region was not found, or an operation failed (e.g. a broken file, a removal refused). */
    public static final int FAILED = 1;

    /** The command line was wrong: unknown option, missing argument, invalid region name (picocli's default). */
    public static final int USAGE = 2;

    private ExitCodes()
    {
    }
}
