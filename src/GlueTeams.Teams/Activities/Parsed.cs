namespace GlueTeams.Teams.Activities;

public enum ParseFailure
{
    /// <summary>Not JSON, or JSON of the wrong shape.</summary>
    Malformed,
    /// <summary>Larger than <see cref="ActivityParser.MaxBodyBytes"/>.</summary>
    TooLarge,
    /// <summary>A field we need to act safely is absent or empty.</summary>
    MissingField,
}

/// <summary>Either a parsed value or why the input was refused; refusals are values, so the endpoint answers 400 with no side effect.</summary>
public sealed record Parsed<T> where T : class
{
    private Parsed(T? value, ParseFailure? failure, string? message) => (Value, Failure, Message) = (value, failure, message);

    public T? Value { get; }
    public ParseFailure? Failure { get; }
    public string? Message { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Failure), nameof(Message))]
    public bool IsOk => Failure is null;

#pragma warning disable CA1000 // factory methods on a generic result type read best here
    public static Parsed<T> Ok(T value) => new(value, null, null);
    public static Parsed<T> Fail(ParseFailure failure, string message) => new(null, failure, message);
#pragma warning restore CA1000
}
