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
 * A serialized message named a class outside the allowlist of a {@link dev.mmipc.codec.SerializableCodec}. The class may
 * have been loaded to learn its name's shape, but it was never initialised and no instance of it was made.
 */
public final class RefusedClassException extends RefusedMessageException
{
    private static final long serialVersionUID = 1L;

    /** @serial name of the class outside the allowlist */
    private final String className;

    /**
     * @param message   what went wrong, in {@code what: key=value} form.
     * @param className the refused class, as {@link Class#getName()} gives it.
     * @param cause     the underlying failure.
     */
    public RefusedClassException(final String message, final String className, final Throwable cause)
    {
        super(message, cause);
        this.className = className;
    }

    /**
     * @return the refused class, as {@link Class#getName()} gives it (arrays as {@code [Lcom.acme.X;}).
     */
    public String className()
    {
        return className;
    }
}
