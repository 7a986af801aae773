using PressDeck.Core.Posts;
using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>What the composer holds: the text, the accounts it goes to, and when.</summary>
public sealed record DraftContent
{
    public string Text { get; init; } = "";

    public IReadOnlyList<AccountChoice> Accounts { get; init; } = [];

    /// <summary>When it should go out (UTC); null for as soon as it is approved.</summary>
    public DateTime? ScheduledFor { get; init; }

    public bool IsUrgent { get; init; }

    public bool AnnouncedToParliamentFirst { get; init; }

    public string? Language { get; init; }

    public PostDraftKind Kind { get; init; } = PostDraftKind.Post;

    public Network? ReferenceNetwork { get; init; }

    public string? ReferenceRemoteId { get; init; }

    public string? ReferenceHandle { get; init; }

    public int? ThreadParentId { get; init; }
}
