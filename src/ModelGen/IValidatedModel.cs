using System.Collections.Generic;

namespace ModelGen;

/// <summary>Implemented by the generator for every <c>[Hyperparameters]</c> type: its attribute rules (<c>[Range]</c>,
/// <c>[Required]</c>), checked by every reader after a value is created and by every writer before anything is written,
/// including values nested in other models.</summary>
public interface IValidatedModel
{
    /// <summary>Checks every member's rules and returns every violation (empty when the value is valid).</summary>
    IReadOnlyList<ModelValidationError> Validate();
}
