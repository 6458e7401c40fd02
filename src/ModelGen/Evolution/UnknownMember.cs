using System;

namespace ModelGen;

/// <summary>A member kept from data of a newer version: its serialized name ("#key" for a format-1 binary field, whose
/// name the data does not carry; format 2's schema table names every member) and the forms it is written back in.</summary>
public readonly record struct UnknownMember(string Name, ModelForms WrittenIn);

/// <summary>The forms a model is written in.</summary>
[Flags]
public enum ModelForms
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary><see cref="ModelSerializer"/>.</summary>
    Binary = 1,
    /// <summary><see cref="ModelJson"/>.</summary>
    Json = 2,
    /// <summary><see cref="ModelDictionary"/>.</summary>
    Dictionary = 4,
}
