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
package dev.mmipc.counters;

/**
 * One allocated counter as read at one moment, for tools.
 *
 * @param id     counter id.
 * @param typeId its type id.
 * @param label  its label.
 * @param value  its value (volatile load).
 */
public record CounterSnapshot(int id, int typeId, String label, long value)
{
}
