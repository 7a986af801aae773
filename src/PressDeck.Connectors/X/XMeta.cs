namespace PressDeck.Connectors.X;

/// <summary>
/// The <c>meta</c> of a search, mentions or lookup response: <see cref="NewestId"/> is the next <c>since_id</c>
/// for polling, <see cref="NextToken"/> the next page (null on the last).
/// </summary>
public sealed record XMeta(string? NewestId, string? OldestId, int? ResultCount, string? NextToken);
