package dev.mmipc.tools;

/**
 * Just enough JSON for {@code --json} output: quoted, escaped strings.
 */
final class Json
{
    private Json()
    {
    }

    /**
     * @param value any text, or null.
     * @return a JSON string literal, or {@code null}.
     */
    static String quote(final String value)
    {
        if (value == null)
        {
            return "null";
        }
        final StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
