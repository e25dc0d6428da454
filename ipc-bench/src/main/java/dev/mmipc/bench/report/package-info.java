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
/**
 * The report of a run, from its raw files alone ({@code jmh.json}, {@code trials.json}, {@code run.json},
 * {@code pool.json}, {@code idle.json}): figures as medians over forks, ratios within interleaved rounds, sanity
 * gates, targets, placement flags; written as {@code summary.json}, {@code report.md}, PNG charts ({@code Charts}),
 * and, for a committed run, README.md's benchmark section (the headline) and the run's {@code tables.md}.
 */
package dev.mmipc.bench.report;
