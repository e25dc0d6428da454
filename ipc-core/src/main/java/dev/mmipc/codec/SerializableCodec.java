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
package dev.mmipc.codec;

import dev.mmipc.exceptions.CodecException;
import dev.mmipc.exceptions.RefusedClassException;
import dev.mmipc.exceptions.RefusedLimitException;
import dev.mmipc.exceptions.RefusedMessageException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.io.DirectBufferInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Java serialization, made safe to read from other processes: every class outside an allowlist you give is
 * refused, and so is a message beyond limits on bytes, graph depth, references and array length.
 * <pre>{@code
 * SerializableCodec<Order> codec = SerializableCodec.builder(Order.class)
 *     .allow("com.acme.orders.*")          // classes of one package
 *     .allowClass(Money.class)             // one class
 *     .allowBasicJdkTypes()                // boxed primitives, Number, String, Enum, BigInteger, BigDecimal
 *     .maxBytes(64 * 1024).maxDepth(16).maxReferences(1_000).maxArrayLength(10_000)
 *     .build();
 * }</pre>
 * <b>How it refuses.</b> Each decode sets a {@link java.io.ObjectInputFilter} on its
 * {@link ObjectInputStream}. {@code ObjectInputStream} asks the filter about every class descriptor (the
 * object's class, each serializable superclass, each array and enum class, each proxy interface) right
 * after resolving the class and before initialising it, reading its fields or creating any instance; and
 * about every array length, depth, reference count and byte count as it goes. The filter answers
 * {@code ALLOWED} only for classes on the allowlist within the limits and {@code REJECTED} for everything
 * else: it never answers {@code UNDECIDED}, so nothing falls through to a default. A refused class is thus
 * never initialised (its static initialiser does not run) and never instantiated (no constructor,
 * {@code readObject} or {@code readResolve} of it runs). The refusal surfaces as a
 * {@link RefusedClassException} naming the class, or a {@link RefusedLimitException} naming the limit;
 * the queue has consumed that message and the next one decodes normally. When the process has a
 * {@code jdk.serialFilter}, it is consulted after the allowlist and limits, and may refuse more (reason
 * {@code jdk.serialFilter}) but never admit a class the allowlist refuses. When a process-wide
 * {@code jdk.serialFilterFactory} replaces the codec's filter with its own, the allowlist is still enforced,
 * by name in {@code ObjectInputStream.resolveClass} before the class is loaded; the limits are then the
 * factory's business.
 * <p>
 * <b>Allowlist patterns.</b> {@code com.acme.Order} one class (nested classes are named
 * {@code com.acme.Order$Line}); {@code com.acme.*} every class in package {@code com.acme};
 * {@code com.acme.**} every class in {@code com.acme} and its subpackages; {@code com.acme.Ord*} every class
 * whose name starts with {@code com.acme.Ord}. Patterns that would allow everything ({@code *}, {@code **})
 * and the negations, module names and limits of {@code jdk.serialFilter} syntax are refused. The
 * top-level type given to {@link #builder(Class)} is allowed; an array is allowed when its element class
 * is (arrays of primitives always are, within {@code maxArrayLength}). Superclasses are checked too: a class
 * extending a serializable class outside the allowlist is refused, so {@code java.lang.Integer} needs
 * {@code java.lang.Number} and an enum needs {@code java.lang.Enum} ({@link Builder#allowBasicJdkTypes()}
 * adds those). Allow collections only knowing that their elements' classes must be allowed too, and that
 * a {@code HashMap} calls {@code hashCode} of its keys while reading.
 * <p>
 * Encoding does not check the allowlist (the reader enforces it) but refuses a message longer than
 * {@code maxBytes}. Java serialization allocates heavily on both sides; use the other codecs on hot paths.
 * Instances are immutable and thread safe.
 *
 * @param <E> the type of the messages' top-level objects.
 */
public final class SerializableCodec<E extends Serializable> implements Codec<E>
{
    /** Default limit on a message's length in bytes. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** Default limit on the nesting depth of the object graph. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** Default limit on the number of object references in a message. */
    public static final int DEFAULT_MAX_REFERENCES = 10_000;
    /** Default limit on any array's length. */
    public static final int DEFAULT_MAX_ARRAY_LENGTH = 100_000;

    /** What {@link Builder#allowBasicJdkTypes()} adds. */
    public static final List<String> BASIC_JDK_TYPES = List.of(
        "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character", "java.lang.Integer",
        "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number", "java.lang.String",
        "java.lang.Enum", "java.math.BigInteger", "java.math.BigDecimal");

    private static final String NAME = "serializable";

    private final Class<E> type;
    private final Set<String> exact;
    private final String[] packages;
    private final String[] packageTrees;
    private final String[] prefixes;
    private final List<String> patterns;
    private final int maxBytes;
    private final int maxDepth;
    private final int maxReferences;
    private final int maxArrayLength;
    private final ClassLoader classLoader;

    private SerializableCodec(final Builder<E> builder)
    {
        this.type = builder.type;
        this.patterns = Collections.unmodifiableList(new ArrayList<>(builder.patterns));
        final Set<String> exact = new HashSet<>();
        final List<String> packages = new ArrayList<>();
        final List<String> packageTrees = new ArrayList<>();
        final List<String> prefixes = new ArrayList<>();
        for (final String pattern : builder.patterns)
        {
            if (pattern.endsWith(".**"))
            {
                packageTrees.add(pattern.substring(0, pattern.length() - 2)); // keeps the dot
            }
            else if (pattern.endsWith(".*"))
            {
                packages.add(pattern.substring(0, pattern.length() - 1)); // keeps the dot
            }
            else if (pattern.endsWith("*"))
            {
                prefixes.add(pattern.substring(0, pattern.length() - 1));
            }
            else
            {
                exact.add(pattern);
            }
        }
        this.exact = Set.copyOf(exact);
        this.packages = packages.toArray(new String[0]);
        this.packageTrees = packageTrees.toArray(new String[0]);
        this.prefixes = prefixes.toArray(new String[0]);
        this.maxBytes = builder.maxBytes;
        this.maxDepth = builder.maxDepth;
        this.maxReferences = builder.maxReferences;
        this.maxArrayLength = builder.maxArrayLength;
        this.classLoader = builder.classLoader;
    }

    /**
     * @param type the type of the messages' top-level objects; allowed, and checked on decode.
     * @param <E>  that type.
     * @return a builder with an allowlist holding only {@code type} and the default limits.
     */
    public static <E extends Serializable> Builder<E> builder(final Class<E> type)
    {
        return new Builder<>(type);
    }

    /**
     * @return the allowlist patterns, the top-level type first.
     */
    public List<String> allowlist()
    {
        return patterns;
    }

    /**
     * @param name a class name as {@link Class#getName()} gives it; arrays are judged by their element class.
     * @return true when the allowlist admits it.
     */
    public boolean isAllowed(final String name)
    {
        String element = name;
        if (element.startsWith("["))
        {
            int dims = 0;
            while (dims < element.length() && element.charAt(dims) == '[')
            {
                dims++;
            }
            if (dims == element.length())
            {
                return false; // "[", "[[": no element type at all
            }
            if (element.length() == dims + 1)
            {
                return "ZBCSIJFD".indexOf(element.charAt(dims)) >= 0; // array of a primitive type, e.g. [I
            }
            if (element.charAt(dims) != 'L' || !element.endsWith(";"))
            {
                return false;
            }
            element = element.substring(dims + 1, element.length() - 1);
        }
        if (exact.contains(element))
        {
            return true;
        }
        for (final String pkg : packages)
        {
            if (element.startsWith(pkg) && element.indexOf('.', pkg.length()) < 0)
            {
                return true;
            }
        }
        for (final String tree : packageTrees)
        {
            if (element.startsWith(tree))
            {
                return true;
            }
        }
        for (final String prefix : prefixes)
        {
            if (element.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the limit on a message's length in bytes.
     */
    public int maxBytes()
    {
        return maxBytes;
    }

    /**
     * @return the limit on the nesting depth of the object graph.
     */
    public int maxDepth()
    {
        return maxDepth;
    }

    /**
     * @return the limit on the number of object references in a message.
     */
    public int maxReferences()
    {
        return maxReferences;
    }

    /**
     * @return the limit on any array's length.
     */
    public int maxArrayLength()
    {
        return maxArrayLength;
    }

    @Override
    public int encode(final E value, final MutableDirectBuffer buffer, final int offset)
    {
        Objects.requireNonNull(value, "value");
        final BufferOutputStream out = new BufferOutputStream(NAME, buffer, offset);
        try (ObjectOutputStream objects = new ObjectOutputStream(out))
        {
            objects.writeObject(value);
        }
        catch (final IOException ex)
        {
            throw new CodecException(
                "serialization failed: codec=" + NAME + ", class=" + value.getClass().getName() + ", error=" + ex, ex);
        }
        final int length = out.length();
        if (length > maxBytes)
        {
            throw new RefusedLimitException(
                "serialized message too large: codec=" + NAME + ", class=" + value.getClass().getName() +
                ", limit=maxBytes, value=" + length + ", max=" + maxBytes, "maxBytes", length, maxBytes, null);
        }
        return length;
    }

    @Override
    public E decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkDecodeRange(NAME, buffer, offset, length);
        if (length > maxBytes)
        {
            throw new RefusedLimitException(
                "serialized message refused: codec=" + NAME + ", limit=maxBytes, value=" + length + ", max=" + maxBytes,
                "maxBytes", length, maxBytes, null);
        }
        final Filter filter = new Filter();
        final Object value;
        try (ObjectInputStream objects = new FilteredObjectInputStream(
            new DirectBufferInputStream(buffer, offset, length), filter, classLoader))
        {
            value = objects.readObject();
        }
        catch (final InvalidClassException ex)
        {
            throw filter.refusal(ex);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new CodecException(
                "serialized class not found: codec=" + NAME + ", class=" + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            final RefusedMessageException refused = filter.refusalOrNull(ex);
            if (refused != null)
            {
                throw refused;
            }
            throw new CodecException(
                "malformed serialized message: codec=" + NAME + ", length=" + length + ", error=" + ex, ex);
        }
        catch (final RuntimeException ex)
        {
            final RefusedMessageException refused = filter.refusalOrNull(ex);
            if (refused != null)
            {
                throw refused;
            }
            throw new CodecException(
                "deserialization failed: codec=" + NAME + ", length=" + length + ", error=" + ex, ex);
        }
        if (!type.isInstance(value))
        {
            throw new CodecException(
                "serialized object of unexpected type: codec=" + NAME + ", expected=" + type.getName() +
                ", actual=" + value.getClass().getName());
        }
        return type.cast(value);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String toString()
    {
        return "SerializableCodec{type=" + type.getName() + ", allowlist=" + patterns + ", maxBytes=" + maxBytes +
            ", maxDepth=" + maxDepth + ", maxReferences=" + maxReferences + ", maxArrayLength=" + maxArrayLength + '}';
    }

    /**
     * The filter of one decode: answers ALLOWED or REJECTED, never UNDECIDED, and remembers why it refused.
     */
    private final class Filter implements ObjectInputFilter
    {
        private final ObjectInputFilter jvmWide = Config.getSerialFilter();
        private String refusedClass;
        private String reason;
        private String limit;
        private long value;
        private long max;

        @Override
        public Status checkInput(final FilterInfo info)
        {
            if (reason != null)
            {
                return Status.REJECTED;
            }
            final Class<?> serialClass = info.serialClass();
            if (serialClass != null && !isAllowed(serialClass.getName()))
            {
                return refuseClass(serialClass, "not in allowlist");
            }
            if (info.arrayLength() > maxArrayLength)
            {
                return refuseLimit("maxArrayLength", info.arrayLength(), maxArrayLength);
            }
            if (info.depth() > maxDepth)
            {
                return refuseLimit("maxDepth", info.depth(), maxDepth);
            }
            if (info.references() > maxReferences)
            {
                return refuseLimit("maxReferences", info.references(), maxReferences);
            }
            if (info.streamBytes() > maxBytes)
            {
                return refuseLimit("maxBytes", info.streamBytes(), maxBytes);
            }
            if (jvmWide != null && jvmWide.checkInput(info) == Status.REJECTED)
            {
                // the process-wide jdk.serialFilter may refuse more than the allowlist, never admit more
                if (serialClass != null)
                {
                    return refuseClass(serialClass, "jdk.serialFilter");
                }
                reason = "jdk.serialFilter";
                return Status.REJECTED;
            }
            return Status.ALLOWED;
        }

        private Status refuseClass(final Class<?> serialClass, final String reason)
        {
            refuseClassName(serialClass.getName(), reason); // getName does not initialise the class
            return Status.REJECTED;
        }

        void refuseClassName(final String className, final String reason)
        {
            this.refusedClass = className;
            this.reason = reason;
        }

        private Status refuseLimit(final String limit, final long value, final long max)
        {
            this.reason = "limit";
            this.limit = limit;
            this.value = value;
            this.max = max;
            return Status.REJECTED;
        }

        RefusedMessageException refusalOrNull(final Exception cause)
        {
            if (reason == null)
            {
                return null;
            }
            if (refusedClass != null)
            {
                return new RefusedClassException(
                    "serialized class refused: codec=" + NAME + ", class=" + refusedClass + ", reason=" + reason,
                    refusedClass, cause);
            }
            if (limit != null)
            {
                return new RefusedLimitException(
                    "serialized message refused: codec=" + NAME + ", limit=" + limit + ", value=" + value +
                    ", max=" + max, limit, value, max, cause);
            }
            return new RefusedMessageException(
                "serialized message refused: codec=" + NAME + ", reason=" + reason, cause);
        }

        CodecException refusal(final InvalidClassException cause)
        {
            final RefusedMessageException refused = refusalOrNull(cause);
            if (refused != null)
            {
                return refused;
            }
            return new CodecException(
                "serialized class invalid: codec=" + NAME + ", error=" + cause, cause);
        }
    }

    /**
     * An object input stream with the decode's filter set before anything is read, resolving classes through a
     * given loader when there is one. When a process-wide {@code jdk.serialFilterFactory} put another filter in
     * place of ours, the allowlist is also checked here, by name, before a class is even loaded: the allowlist
     * holds whatever the factory does.
     */
    private final class FilteredObjectInputStream extends ObjectInputStream
    {
        private final Filter filter;
        private final ClassLoader loader;
        private final boolean checkInResolve;

        FilteredObjectInputStream(final InputStream in, final Filter filter, final ClassLoader loader)
            throws IOException
        {
            super(in);
            setObjectInputFilter(filter);
            this.filter = filter;
            this.loader = loader;
            this.checkInResolve = getObjectInputFilter() != filter;
        }

        @Override
        protected Class<?> resolveClass(final ObjectStreamClass desc) throws IOException, ClassNotFoundException
        {
            if (checkInResolve && !isAllowed(desc.getName()))
            {
                filter.refuseClassName(desc.getName(), "not in allowlist");
                throw new InvalidClassException(desc.getName(), "refused by allowlist");
            }
            if (loader == null)
            {
                return super.resolveClass(desc);
            }
            return Class.forName(desc.getName(), false, loader); // false: not initialised before the filter runs
        }
    }

    /**
     * Builds a {@link SerializableCodec}: the allowlist and the limits.
     *
     * @param <E> the type of the messages' top-level objects.
     */
    public static final class Builder<E extends Serializable>
    {
        private final Class<E> type;
        private final Set<String> patterns = new LinkedHashSet<>();
        private int maxBytes = DEFAULT_MAX_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxReferences = DEFAULT_MAX_REFERENCES;
        private int maxArrayLength = DEFAULT_MAX_ARRAY_LENGTH;
        private ClassLoader classLoader;

        private Builder(final Class<E> type)
        {
            this.type = Objects.requireNonNull(type, "type");
            patterns.add(type.getName());
        }

        /**
         * Allow classes by name pattern: {@code a.b.C}, {@code a.b.*}, {@code a.b.**} or {@code a.b.Pre*}.
         *
         * @param patterns the patterns.
         * @return this builder.
         * @throws IllegalArgumentException for a pattern that would allow every class or is not of those forms.
         */
        public Builder<E> allow(final String... patterns)
        {
            for (final String pattern : patterns)
            {
                this.patterns.add(checkPattern(pattern));
            }
            return this;
        }

        /**
         * Allow classes by name pattern.
         *
         * @param patterns the patterns, as {@link #allow(String...)} takes them.
         * @return this builder.
         */
        public Builder<E> allow(final Iterable<String> patterns)
        {
            for (final String pattern : patterns)
            {
                this.patterns.add(checkPattern(pattern));
            }
            return this;
        }

        /**
         * Allow classes exactly (not their subclasses).
         *
         * @param classes the classes.
         * @return this builder.
         */
        public Builder<E> allowClass(final Class<?>... classes)
        {
            for (final Class<?> c : classes)
            {
                patterns.add(c.getName());
            }
            return this;
        }

        /**
         * Allow the boxed primitives, {@code Number}, {@code String}, {@code Enum}, {@code BigInteger} and
         * {@code BigDecimal}: the list {@link SerializableCodec#BASIC_JDK_TYPES}.
         *
         * @return this builder.
         */
        public Builder<E> allowBasicJdkTypes()
        {
            patterns.addAll(BASIC_JDK_TYPES);
            return this;
        }

        /**
         * @param maxBytes the limit on a message's length in bytes, at least 1.
         * @return this builder.
         */
        public Builder<E> maxBytes(final int maxBytes)
        {
            this.maxBytes = positive("maxBytes", maxBytes);
            return this;
        }

        /**
         * @param maxDepth the limit on the nesting depth of the object graph (the top-level object is depth 1).
         * @return this builder.
         */
        public Builder<E> maxDepth(final int maxDepth)
        {
            this.maxDepth = positive("maxDepth", maxDepth);
            return this;
        }

        /**
         * @param maxReferences the limit on the number of object references (objects, class descriptors,
         *                      strings, arrays and back references) in a message.
         * @return this builder.
         */
        public Builder<E> maxReferences(final int maxReferences)
        {
            this.maxReferences = positive("maxReferences", maxReferences);
            return this;
        }

        /**
         * @param maxArrayLength the limit on any array's length, at least 0.
         * @return this builder.
         */
        public Builder<E> maxArrayLength(final int maxArrayLength)
        {
            if (maxArrayLength < 0)
            {
                throw new IllegalArgumentException("limit out of range: limit=maxArrayLength, value=" + maxArrayLength);
            }
            this.maxArrayLength = maxArrayLength;
            return this;
        }

        /**
         * @param classLoader the loader that resolves classes named in messages, instead of
         *                    {@link ObjectInputStream}'s default (the latest user-defined loader on the stack).
         * @return this builder.
         */
        public Builder<E> classLoader(final ClassLoader classLoader)
        {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * @return the codec.
         */
        public SerializableCodec<E> build()
        {
            return new SerializableCodec<>(this);
        }

        private static int positive(final String limit, final int value)
        {
            if (value < 1)
            {
                throw new IllegalArgumentException("limit out of range: limit=" + limit + ", value=" + value);
            }
            return value;
        }

        private static String checkPattern(final String pattern)
        {
            Objects.requireNonNull(pattern, "pattern");
            final String body = pattern.endsWith(".**") ? pattern.substring(0, pattern.length() - 3) :
                pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (body.isEmpty() || body.equals(".") || body.equals("*"))
            {
                throw new IllegalArgumentException("allowlist pattern allows every class: pattern=" + pattern);
            }
            for (int i = 0; i < body.length(); i++)
            {
                final char c = body.charAt(i);
                if (c == '*' || c == '!' || c == '/' || c == ';' || c == '=' || c == '[' || Character.isWhitespace(c))
                {
                    throw new IllegalArgumentException(
                        "allowlist pattern invalid: pattern=" + pattern + ", reason=unsupported character '" + c + "'");
                }
            }
            return pattern;
        }
    }
}
