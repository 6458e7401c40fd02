using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

namespace ModelGen;

/// <summary>Thrown for every malformed input: the message names the member path and, for binary input, the byte offset.</summary>
public sealed class ModelFormatException : Exception
{
    // Path segments are added innermost first while the exception unwinds through the readers.
    private readonly List<string> _segments = new();

    /// <summary>Creates an exception with a reason and, for binary input, the byte offset where it was found.</summary>
    public ModelFormatException(string reason, long offset = -1, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>For a value that breaks <c>[Range]</c>/<c>[Required]</c> rules: every violation, each with its member
    /// path relative to the validated value; empty for other errors.</summary>
    public IReadOnlyList<ModelValidationError> ValidationErrors { get; private set; } = Array.Empty<ModelValidationError>();

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }

    /// <summary>The byte offset in the binary input, or -1 for JSON and dictionaries.</summary>
    public long Offset { get; private set; }

    /// <summary>The member path, e.g. <c>layers[2].weights</c>; empty at the root.</summary>
    public string Path
    {
        get
        {
            var sb = new StringBuilder();
            for (int i = _segments.Count - 1; i >= 0; i--)
            {
                string s = _segments[i];
                if (sb.Length > 0 && s[0] != '[') sb.Append('.');
                sb.Append(s);
            }
            return sb.ToString();
        }
    }

    /// <inheritdoc />
    public override string Message
    {
        get
        {
            string path = Path;
            string where = path.Length == 0 ? "" : $"at '{path}': ";
            string offset = Offset >= 0 ? $" (byte offset {Offset})" : "";
            return where + Reason + offset;
        }
    }

    // The path is built by exception filters (catch ... when (e.AddMember(name))) that add a segment and return false:
    // the exception is thrown once and never caught and rethrown on its way out, so a failure deep in nested input
    // costs no more stack than the reading itself did.

    /// <summary>Sets the byte offset of an error found without one (e.g. a missing member, found at the end of its
    /// object). Returns false, for use in an exception filter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool AddOffset(long offset)
    {
        if (Offset < 0) Offset = offset;
        return false;
    }

    /// <summary>Adds the enclosing member's name to the path. Returns false, for use in an exception filter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool AddMember(string name)
    {
        _segments.Add(name);
        return false;
    }

    /// <summary>Adds the enclosing collection index or dictionary key to the path. Returns false, for use in an exception filter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool AddElement(string indexOrKey)
    {
        _segments.Add("[" + indexOrKey + "]");
        return false;
    }

    /// <summary>Adds the enclosing member's name to the path of a new exception.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ModelFormatException InMember(string name)
    {
        AddMember(name);
        return this;
    }

    /// <summary>A required member, or a constructor parameter without a default, was missing from the input.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ModelFormatException MissingMember(string name) => new ModelFormatException($"missing required member '{name}'").InMember(name);

    /// <summary>Validation of a <c>[Hyperparameters]</c> value failed; the message lists every violation.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ModelFormatException Invalid(System.Collections.Generic.IReadOnlyList<ModelValidationError> errors)
    {
        var e = new ModelFormatException("invalid value: " + string.Join("; ", errors)) { ValidationErrors = errors };
        if (errors.Count == 1) e.InMember(errors[0].Member);
        return e;
    }

    /// <summary>The model's constructor or validation threw for the values read.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ModelFormatException Construction(string typeName, Exception inner) =>
        new($"creating {typeName} from the input failed: {inner.Message}", -1, inner);
}
