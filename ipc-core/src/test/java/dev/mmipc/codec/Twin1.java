package dev.mmipc.codec;

import java.io.Serializable;

/**
 * Same serial shape and name length as {@link Evil1}: serialized, then renamed in the bytes.
 */
final class Twin1 implements Serializable
{
    private static final long serialVersionUID = 1L;

    int payload;

    Twin1(final int payload)
    {
        this.payload = payload;
    }
}
