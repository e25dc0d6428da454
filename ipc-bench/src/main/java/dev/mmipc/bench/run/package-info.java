/**
 * Running a benchmark session: the plan of interleaved trials, the CPUs they are pinned to, the C floor and C
 * ring beside them, and the files a run leaves for the report.
 */
package dev.mmipc.bench.run;
