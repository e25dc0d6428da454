/**
 * The report of a run, from its raw files alone ({@code jmh.json}, {@code trials.json}, {@code run.json},
 * {@code pool.json}, {@code idle.json}): figures as medians over forks, ratios within interleaved rounds, sanity
 * gates, targets, placement flags; written as {@code summary.json}, {@code report.md}, PNG charts ({@code Charts}),
 * and, for a committed run, README.md's benchmark section (the headline) and the run's {@code tables.md}.
 */
package dev.mmipc.bench.report;
