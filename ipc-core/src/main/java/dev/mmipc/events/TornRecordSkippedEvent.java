package dev.mmipc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.mmipc.TornRecordSkipped}: a queue consumer or producer skipped a record (or slot) that a dead process claimed and never finished.
 */
@Name("dev.mmipc.TornRecordSkipped")
@Label("Torn Record Skipped")
@Category("mmipc")
@Description("A queue consumer or producer skipped a record (or slot) that a dead process claimed and never finished.")
final class TornRecordSkippedEvent extends Event
{
    @Label("Region")
    @Description("Name of the queue region")
    String region;

    @Label("Mode")
    @Description("Queue mode")
    String mode;

    @Label("Dead Pid")
    @Description("Pid that claimed the record (0 when the record does not say)")
    long deadPid;

    @Label("Position")
    @Description("Position of the record or slot")
    long position;

    @Label("Action")
    @Description("What was done")
    String action;
}
