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
package dev.mmipc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.mmipc.QueueCorrupted}: a queue was found corrupt (a value no producer, consumer, crash or race
 * can leave) and marked so in its file.
 */
@Name("dev.mmipc.QueueCorrupted")
@Label("Queue Corrupted")
@Category("mmipc")
@Description("A queue was found corrupt (a value no producer, consumer, crash or race can leave) and marked so in its file.")
final class QueueCorruptedEvent extends Event
{
    @Label("Region")
    @Description("Name of the queue region")
    String region;

    @Label("What")
    @Description("Which value was impossible")
    String what;

    @Label("Position")
    @Description("Where it was found")
    long position;

    @Label("Value")
    @Description("The value found")
    long value;
}
