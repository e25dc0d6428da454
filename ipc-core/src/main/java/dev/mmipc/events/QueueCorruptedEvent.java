package dev.mmipc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.mmipc.QueueCorrupted}: a queue was found corrupt (a value no producer, consumer, crash or race can leave) and marked so in its file.
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
