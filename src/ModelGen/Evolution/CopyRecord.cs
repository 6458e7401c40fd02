using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace ModelGen.Internal;

/// <summary>A record of copies read from data (<c>"$previousNames"</c>, <see cref="CopiedNames"/>): names and the hashes
/// of the values written under them, held by value in a generated reader. A record of one copy (one renamed member with
/// one previous name, the usual case) costs no allocation, and a name the model knows is the model's own string: the
/// record is read on every load of a renamed model's JSON. Empty when there is none: an empty record and no record
/// decide the same (no copy is recorded, the usual rule holds). A name given twice keeps its last hash.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CopyRecord
{
    private string? _first;
    private ulong _firstHash;
    // Every entry, once there is more than one.
    private Dictionary<string, ulong>? _all;

    /// <summary>True when no copy is recorded (no record was read, or it was empty).</summary>
    public readonly bool IsEmpty => _first is null;

    internal void Add(string name, ulong hash)
    {
        if (_all is not null)
            _all[name] = hash;
        else if (_first is null || _first == name)
            (_first, _firstHash) = (name, hash);
        else
            _all = new Dictionary<string, ulong>(StringComparer.Ordinal) { [_first] = _firstHash, [name] = hash };
    }

    internal readonly bool TryGetValue(string name, out ulong hash)
    {
        if (_all is not null) return _all.TryGetValue(name, out hash);
        hash = _firstHash;
        return _first is not null && _first == name;
    }

    /// <summary>The record as a dictionary (kept with a model's unknown members, and written back).</summary>
    internal readonly Dictionary<string, ulong> ToDictionary() =>
        _all ?? (_first is null ? new Dictionary<string, ulong>(StringComparer.Ordinal)
            : new Dictionary<string, ulong>(StringComparer.Ordinal) { [_first] = _firstHash });

    /// <summary>Whether any recorded name is not one of <paramref name="names"/>' copies (a newer build's).</summary>
    internal readonly bool NamesOthers(MemberNames names)
    {
        if (_all is null) return _first is not null && !names.OwnsCopy(_first);
        foreach (string name in _all.Keys)
            if (!names.OwnsCopy(name)) return true;
        return false;
    }
}
