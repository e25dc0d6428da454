/**
 * The report of a run, from its raw files alone ({@code jmh.json}, {@code trials.json}, {@code run.json},
 * {@code pool.json}, {@code idle.json}): figures as medians over forks, ratios within interleaved rounds, sanity
 * gates, targets, placement flags; written as {@code summary.json}, {@code report.md}, PNG charts, and README.md's
 * benchmark section.
 */
package dev.mmipc.bench.report;
