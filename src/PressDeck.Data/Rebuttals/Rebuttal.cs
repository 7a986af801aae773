using PressDeck.Core.Posts;

namespace PressDeck.Data.Rebuttals;

/// <summary>
/// A case to correct an inaccurate post, following the government's RESIST model: recognise (the post as it was seen,
/// and the claim), assess the impact (reach, who it reaches, the facts and sources), respond (a reply or quote through
/// the approval policy) and track (how far the original and the response spread over the following hours).
/// </summary>
public sealed class Rebuttal
{
    public int Id { get; set; }

    public RebuttalStage Stage { get; set; }

    public Network Network { get; set; }

    public string RemoteId { get; set; } = "";

    public string? Url { get; set; }

    public string AuthorHandle { get; set; } = "";

    public string AuthorName { get; set; } = "";

    /// <summary>The post's text as it was when the case was opened (it may be edited or deleted later).</summary>
    public string SnapshotText { get; set; } = "";

    /// <summary>The whole canonical post as it was when the case was opened.</summary>
    public string SnapshotJson { get; set; } = "";

    public DateTime PostedAt { get; set; }

    /// <summary>When PressDeck first saw the post (its arrival in the archive): the clock to publication runs from here.</summary>
    public DateTime FirstSeenAt { get; set; }

    public DateTime OpenedAt { get; set; }

    public string OpenedByUserId { get; set; } = "";

    public string OpenedByName { get; set; } = "";

    /// <summary>The claim that is wrong, in the officer's words.</summary>
    public string Claim { get; set; } = "";

    /// <summary>What is true, in the office's words.</summary>
    public string Facts { get; set; } = "";

    /// <summary>The sources for the facts, one per line (links to official publications).</summary>
    public string Sources { get; set; } = "";

    public RebuttalReach Reach { get; set; }

    /// <summary>Who it reaches and what harm it could do, in the officer's words.</summary>
    public string Impact { get; set; } = "";

    public DateTime? AssessedAt { get; set; }

    /// <summary>The office's reply or quote, as a post in the publishing flow.</summary>
    public int? DraftId { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedRemoteId { get; set; }

    public string? PublishedUrl { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? Outcome { get; set; }

    /// <summary>Spread is read until this instant, then the case stops being watched.</summary>
    public DateTime? TrackUntil { get; set; }

    public DateTime? NextReadAt { get; set; }

    public int Reads { get; set; }

    public List<RebuttalEvent> Timeline { get; set; } = [];

    public List<SpreadSample> Spread { get; set; } = [];
}
