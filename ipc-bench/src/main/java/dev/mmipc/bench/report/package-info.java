/**
 * The report: reads JMH's JSON and the limit program's JSON, writes {@code summary.json}, {@code report.md}
 * and PNG charts.
 */
package dev.mmipc.bench.report;
