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
package dev.mmipc.exceptions;

/**
 * A kind-specific parameter in the header is invalid (e.g. a capacity that is not a power of two), or differs from
 * what {@code openOrCreate} asked for.
 */
public final class RegionParameterException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionParameterException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionParameterException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
