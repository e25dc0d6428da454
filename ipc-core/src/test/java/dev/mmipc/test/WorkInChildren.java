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

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test whose code under test runs in child JVMs, while this JVM only sets up and checks. A child loads the
 * classes unmutated, so the mutation profile leaves such tests out ({@code excludedGroups} in ipc-core's POM): each
 * survivor they cover would cost their whole run for nothing they can kill. {@code mvn verify} runs them as usual.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(WorkInChildren.TAG)
public @interface WorkInChildren
{
    /** The JUnit tag. */
    String TAG = "work-in-children";
}
