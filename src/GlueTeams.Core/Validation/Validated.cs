namespace GlueTeams.Core.Validation;

/// <summary>A problem with one field a user typed, with a message to show them.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Either a valid value or the reasons it is not. Errors are values, never exceptions.</summary>
public sealed record Validated<T>
{
    private Validated(T? value, IReadOnlyList<FieldError> errors) => (Value, Errors) = (value, errors);

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Errors.Count == 0;

    /// <summary>All messages in one sentence each, for a card or a problem-details body.</summary>
    public string Message => string.Join(" ", Errors.Select(e => e.Message));

#pragma warning disable CA1000 // factory methods on a generic result type read best here
    public static Validated<T> Ok(T value) => new(value, []);
    public static Validated<T> Fail(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);
#pragma warning restore CA1000
}
