using System.Diagnostics.CodeAnalysis;

namespace PressDeck.Core.Query;

/// <summary>The outcome of <see cref="QueryParser.Parse"/>: either a query or an error, never both.</summary>
public sealed class QueryParseResult
{
    private QueryParseResult(QueryNode? query, QueryError? error)
    {
        Query = query;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Query))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Query is not null;

    /// <summary>The parsed query when <see cref="IsValid"/>.</summary>
    public QueryNode? Query { get; }

    /// <summary>Why the query was refused when not <see cref="IsValid"/>.</summary>
    public QueryError? Error { get; }

    internal static QueryParseResult Success(QueryNode query) => new(query, null);

    internal static QueryParseResult Failure(QueryError error) => new(null, error);

    public override string ToString() => IsValid ? Query.ToString() : $"error at {Error.Position}: {Error.Message}";
}
