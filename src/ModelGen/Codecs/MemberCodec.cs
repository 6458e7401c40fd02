using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>One member's codec with its null handling: <see cref="Codec"/>'s helpers with the member's type and codec given
/// once. Generated code names one per member with a using alias at the top of the model's file
/// (<c>using __ModelGenCodec_Sizes = MemberCodec&lt;List&lt;int&gt;, ListCodec&lt;int, IntegerCodec&lt;int&gt;&gt;&gt;;</c>), so each
/// reader and writer calls <c>__ModelGenCodec_Sizes.ReadJson(...)</c> instead of spelling the codec out again.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemberCodec<T, TCodec> where TCodec : IModelCodec<T>
{
    /// <summary>Writes the member: its tag and value, or a null marker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteField(ref ModelWriter writer, int key, T value) => Codec.WriteField<T, TCodec>(ref writer, key, value);

    /// <summary>Reads the member's value given its wire type; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadField(ref ModelReader reader, WireType wireType, bool nullable) => Codec.ReadField<T, TCodec>(ref reader, wireType, nullable);

    /// <summary>Writes the member's JSON value or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteJson(Utf8JsonWriter writer, T value) => Codec.WriteJson<T, TCodec>(writer, value);

    /// <summary>Reads the member's JSON value; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReadJson(ref Utf8JsonReader reader, bool nullable) => Codec.ReadJson<T, TCodec>(ref reader, nullable);

    /// <summary>Converts the member's value to a plain value (null stays null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? ToPlain(T value) => Codec.ToPlain<T, TCodec>(value);

    /// <summary>Converts the member's value from a plain value; null only where <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromPlain(object? value, bool nullable, bool parseStrings) => Codec.FromPlain<T, TCodec>(value, nullable, parseStrings);
}
