using PressDeck.Core.Posts;

namespace PressDeck.Data.Lists;

/// <summary>
/// The office's choice to keep a copy of a PressDeck list on a network, from one of its accounts. It is opt-in per list
/// and per network, because what it does there is public or visible: a Bluesky list is public, an X list is public
/// unless made private, and a Mastodon list makes the office's account follow every member. Who agreed, and when, is
/// kept with the warning they were shown.
/// </summary>
public sealed class ListPush
{
    public int Id { get; set; }

    public int ListId { get; set; }

    public AccountList? List { get; set; }

    public Network Network { get; set; }

    /// <summary>The office's connected account that owns the network's list; null for the demo network's office account.</summary>
    public int? ConnectedAccountId { get; set; }

    /// <summary>The account's handle when it was chosen, shown even if the account is later removed.</summary>
    public string AccountHandle { get; set; } = "";

    /// <summary>X only: the list is made private there.</summary>
    public bool IsPrivate { get; set; }

    /// <summary>The list's id on the network, once it was created there.</summary>
    public string? RemoteListId { get; set; }

    public string? RemoteUrl { get; set; }

    /// <summary>The warning the person agreed to, word for word.</summary>
    public string AcceptedWarning { get; set; } = "";

    public string EnabledByUserId { get; set; } = "";

    public string EnabledByName { get; set; } = "";

    public DateTime EnabledAt { get; set; }

    public DateTime? LastPushedAt { get; set; }

    /// <summary>When the list should next be pushed (after a change to it, or a retry after a failure); null when it is up to date.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>Failed pushes in a row, for the back-off before the next try.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>What the last push did, or why it failed ("Added 3, removed 1." or the network's words).</summary>
    public string? LastOutcome { get; set; }

    public bool LastPushFailed { get; set; }
}
