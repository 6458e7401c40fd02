using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO.Hashing;
using ModelGen.Internal;

namespace ModelGen;

/// <summary>Structural equality, hashing and deep copies of any generated model, defined by its binary form: two
/// values are equal when they serialize to the same payload. No reflection and no generated code of its own, so it is
/// safe under trimming and NativeAOT; an EF Core value comparer (<c>ModelGen.EntityFrameworkCore</c>) and tests use it.</summary>
/// <remarks>
/// <para>What "the same payload" means: every member, nested models, collections element by element, and the members
/// a value kept from newer data (<see cref="ModelSerializer.GetUnknownMembers{T}"/>) with their values. Dictionaries
/// compare as sets of entries (they are written in key order for the comparison, whatever order they were filled in),
/// and sets as sets when their elements have an order (strings, numbers, enums, GUIDs; sets of models compare in
/// enumeration order).
/// Floating-point values compare by their bits: <c>NaN</c> equals the same <c>NaN</c> (so a model holding NaN equals its
/// clone, unlike <c>==</c>), and <c>0.0</c> and <c>-0.0</c> differ (they are stored differently). <c>[ModelIgnore]</c>
/// members and anything else that is not serialized do not take part. A <c>decimal</c> keeps its scale (1.0m ≠ 1.00m).</para>
/// <para>Cost: <see cref="Equals{T}(T, T)"/> writes one value into pooled segments and compares the other against it
/// as it is written (one copy of one value in memory); <see cref="GetHashCode{T}(T)"/> hashes the payload (XXH3) as it
/// is written, holding nothing; <see cref="Clone{T}(T)"/> is a binary round trip. None of them validates (an EF Core
/// snapshot of a value being edited must not fail); nesting is limited to 64 levels.</para>
/// </remarks>
public static class ModelEquality
{
    /// <summary>True when <paramref name="x"/> and <paramref name="y"/> have the same binary payload (both null is equal).</summary>
    /// <exception cref="ModelFormatException">A value nests deeper than 64 levels (or has a cycle), or holds a model of a type derived from the one declared (which it would compare as the declared type).</exception>
    public static bool Equals<T>(T? x, T? y) where T : IModelSerializable<T>
    {
        if (x is null || y is null) return x is null && y is null;
        if (!typeof(T).IsValueType && ReferenceEquals(x, y)) return true;
        using var expected = new SegmentedBufferWriter();
        WritePayload(expected, x);
        using var compare = new ComparingWriter(expected);
        WritePayload(compare, y);
        return compare.Equal;
    }

    /// <summary>A hash of the binary payload, consistent with <see cref="Equals{T}(T, T)"/>.</summary>
    /// <exception cref="ModelFormatException">The value nests deeper than 64 levels (or has a cycle), or holds a model of a type derived from the one declared.</exception>
    public static int GetHashCode<T>(T value) where T : IModelSerializable<T>
    {
        if (value is null) return 0;
        var hashing = new HashingWriter();
        WritePayload(hashing, value);
        return hashing.Hash;
    }

    /// <summary>A deep copy: the value written and read back in the binary form, without validation (a copy of a value
    /// that breaks its <c>[Range]</c> rules is the same value; validation is the business of storing and loading).
    /// Members kept from newer data are kept; no migration runs (it is the current version).</summary>
    /// <exception cref="ModelFormatException">The value holds a null in a member that cannot be null, or nests deeper
    /// than 64 levels (or has a cycle).</exception>
    public static T Clone<T>(T value) where T : IModelSerializable<T>
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        using var buffer = new PooledBufferWriter();
        var writer = new ModelWriter(buffer, hash: null, FormatLimits.DefaultMaxDepth);
        if (DerivedModels.Check(value) is { } derived) throw derived;
        T.WriteFields(ref writer, value);
        writer.WriteEnd();
        writer.Flush();
        var reader = new ModelReader(buffer.WrittenSpan, 0, ModelSerializerOptions.Default, null);
        bool outerValidation = ReadValidation.EnterUnvalidated();
        bool outerReject = UnknownMembers.RejectOnThisThread;
        UnknownMembers.RejectOnThisThread = false;
        try
        {
            return T.ReadFields(ref reader);
        }
        finally
        {
            ReadValidation.Exit(outerValidation);
            UnknownMembers.RejectOnThisThread = outerReject;
        }
    }

    /// <summary>An <see cref="IEqualityComparer{T}"/> over <see cref="Equals{T}(T, T)"/> and <see cref="GetHashCode{T}(T)"/>.</summary>
    public static IEqualityComparer<T> Comparer<T>() where T : IModelSerializable<T> => PayloadComparer<T>.Instance;

    private static void WritePayload<T>(IBufferWriter<byte> output, T value) where T : IModelSerializable<T>
    {
        var writer = new ModelWriter(output, hash: null, FormatLimits.DefaultMaxDepth, check: null, canonical: true);
        if (DerivedModels.Check(value) is { } derived) throw derived;
        T.WriteFields(ref writer, value);
        writer.WriteEnd();
        writer.Flush();
    }

    private sealed class PayloadComparer<T> : IEqualityComparer<T> where T : IModelSerializable<T>
    {
        public static readonly PayloadComparer<T> Instance = new();

        public bool Equals(T? x, T? y) => ModelEquality.Equals(x, y);

        public int GetHashCode(T obj) => ModelEquality.GetHashCode(obj);
    }

    // Compares what is written against an expected payload, chunk by chunk, keeping nothing.
    private sealed class ComparingWriter : IBufferWriter<byte>, IDisposable
    {
        private readonly List<(byte[] Array, int Length)> _expected;
        private byte[] _chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _segment;
        private int _offset;
        private bool _differs;

        public ComparingWriter(SegmentedBufferWriter expected)
        {
            expected.Seal();
            _expected = expected.Segments;
        }

        public bool Equal => !_differs && _segment == _expected.Count;

        public void Advance(int count)
        {
            ReadOnlySpan<byte> written = _chunk.AsSpan(0, count);
            while (!_differs && written.Length > 0)
            {
                if (_segment == _expected.Count)
                {
                    _differs = true; // longer than the expected payload
                    break;
                }
                (byte[] array, int length) = _expected[_segment];
                int n = Math.Min(written.Length, length - _offset);
                if (!written.Slice(0, n).SequenceEqual(array.AsSpan(_offset, n))) _differs = true;
                written = written.Slice(n);
                _offset += n;
                if (_offset == length)
                {
                    _segment++;
                    _offset = 0;
                }
            }
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint);

        private byte[] Ensure(int sizeHint)
        {
            if (_chunk.Length < sizeHint)
            {
                ArrayPool<byte>.Shared.Return(_chunk);
                _chunk = ArrayPool<byte>.Shared.Rent(sizeHint);
            }
            return _chunk;
        }

        public void Dispose()
        {
            if (_chunk.Length == 0) return;
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
    }

    // Hashes what is written, chunk by chunk, keeping nothing.
    private sealed class HashingWriter : IBufferWriter<byte>
    {
        private readonly XxHash3 _hash = new();
        private byte[] _chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);

        public int Hash
        {
            get
            {
                ArrayPool<byte>.Shared.Return(_chunk);
                _chunk = [];
                return unchecked((int)_hash.GetCurrentHashAsUInt64());
            }
        }

        public void Advance(int count) => _hash.Append(_chunk.AsSpan(0, count));

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint);

        private byte[] Ensure(int sizeHint)
        {
            if (_chunk.Length < sizeHint)
            {
                ArrayPool<byte>.Shared.Return(_chunk);
                _chunk = ArrayPool<byte>.Shared.Rent(sizeHint);
            }
            return _chunk;
        }
    }
}
