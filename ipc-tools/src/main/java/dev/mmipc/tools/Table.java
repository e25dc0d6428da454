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
package dev.mmipc.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of text cells printed with aligned columns; a row may end in one cell that spans the rest.
 */
final class Table
{
    private static final String GAP = "  ";

    private final String[] headings;
    private final List<String[]> rows = new ArrayList<>();

    Table(final String... headings)
    {
        this.headings = headings.clone();
    }

    /**
     * @param cells one cell per heading.
     * @return this table.
     */
    Table row(final String... cells)
    {
        if (cells.length != headings.length)
        {
            throw new IllegalArgumentException(
                "row width mismatch: cells=" + cells.length + ", columns=" + headings.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /**
     * A row with its first cell aligned and its second printed to the end of the line, e.g. an error.
     *
     * @param first first cell.
     * @param rest  text spanning the other columns.
     * @return this table.
     */
    Table spanningRow(final String first, final String rest)
    {
        rows.add(new String[]{ first, rest });
        return this;
    }

    /**
     * @return true when no rows were added.
     */
    boolean isEmpty()
    {
        return rows.isEmpty();
    }

    /**
     * Print headings and rows; trailing spaces are never printed.
     *
     * @param out where to print.
     */
    void print(final PrintWriter out)
    {
        final int[] widths = new int[headings.length];
        for (int i = 0; i < headings.length; i++)
        {
            widths[i] = headings[i].length();
        }
        for (final String[] row : rows)
        {
            if (row.length == headings.length)
            {
                for (int i = 0; i < row.length; i++)
                {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            else
            {
                widths[0] = Math.max(widths[0], row[0].length());
            }
        }
        printRow(out, headings, widths);
        for (final String[] row : rows)
        {
            printRow(out, row, widths);
        }
    }

    private static void printRow(final PrintWriter out, final String[] cells, final int[] widths)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++)
        {
            line.append(cells[i]);
            if (i < cells.length - 1)
            {
                final char[] pad = new char[widths[i] - cells[i].length()];
                Arrays.fill(pad, ' ');
                line.append(pad).append(GAP);
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ')
        {
            end--;
        }
        line.setLength(end);
        out.println(line);
    }
}
