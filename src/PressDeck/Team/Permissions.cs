using System.Collections.Frozen;

namespace PressDeck.Team;

/// <summary>
/// What people may do, by role. Every page, endpoint and action names one of these; the server checks it
/// (<see cref="PermissionGate"/> for actions, authorization policies of the same names for pages and endpoints).
/// </summary>
public static class Permissions
{
    /// <summary>Open the deck and its live columns. Trainees see only the sandbox (the demo network).</summary>
    public const string ViewDeck = "deck.view";

    /// <summary>Add, change and remove columns in one's own deck.</summary>
    public const string EditDeck = "deck.edit";

    /// <summary>Share a column with the team.</summary>
    public const string ShareColumns = "deck.share";

    /// <summary>Change the office's standard deck that every new person starts from.</summary>
    public const string ManageOfficeDeck = "deck.office";

    /// <summary>Search the archive of real networks.</summary>
    public const string SearchArchive = "archive.search";

    /// <summary>Download search results as CSV.</summary>
    public const string ExportArchive = "archive.export";

    /// <summary>Read the office's lists of accounts.</summary>
    public const string ViewLists = "lists.view";

    /// <summary>Create lists and change who is on them.</summary>
    public const string EditLists = "lists.edit";

    /// <summary>
    /// Choose to keep a copy of a list on a network under one of the office's accounts, which makes the list (or, on Mastodon,
    /// the office's follows) public; and stop it.
    /// </summary>
    public const string PushLists = "lists.push";

    /// <summary>Read the contacts directory and a contact's history.</summary>
    public const string ViewContacts = "contacts.view";

    /// <summary>Add, change, merge and import contacts, and log interactions with them.</summary>
    public const string EditContacts = "contacts.edit";

    /// <summary>
    /// The contacts as personal data: export the directory or everything held on one person, erase a person, and purge
    /// contacts past the retention period.
    /// </summary>
    public const string ManageContactData = "contacts.personal-data";

    /// <summary>Draft posts and replies (publishing arrives with the publishing issue).</summary>
    public const string DraftPosts = "posts.draft";

    /// <summary>Approve other people's posts.</summary>
    public const string ApprovePosts = "posts.approve";

    /// <summary>Delete a post the office has published.</summary>
    public const string DeletePublished = "posts.delete";

    /// <summary>Work the inbox: take, answer and close questions to the office, log enquiries by hand, add notes.</summary>
    public const string WorkInbox = "inbox.work";

    /// <summary>Set the inbox's response target and its routing rules.</summary>
    public const string ManageInbox = "inbox.manage";

    /// <summary>Sources, news feeds and the ingest status.</summary>
    public const string ManageSources = "sources.manage";

    /// <summary>Connect and remove the office's accounts, and say who may post from them.</summary>
    public const string ManageAccounts = "accounts.manage";

    /// <summary>Invite people, change roles, deactivate, desks and approver groups.</summary>
    public const string ManageTeam = "team.manage";

    /// <summary>Read, search and export the audit trail.</summary>
    public const string ViewAudit = "audit.view";

    /// <summary>Change the office's settings.</summary>
    public const string ManageSettings = "settings.manage";

    private static readonly FrozenDictionary<string, FrozenSet<string>> ByRole = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        [Roles.Admin] = All().ToFrozenSet(StringComparer.Ordinal),
        [Roles.Approver] = new[]
        {
            ViewDeck, EditDeck, ShareColumns, SearchArchive, ExportArchive, ViewLists, EditLists, PushLists, DraftPosts, ApprovePosts, DeletePublished,
            WorkInbox, ManageInbox, ViewContacts, EditContacts,
        }.ToFrozenSet(StringComparer.Ordinal),
        [Roles.Officer] = new[]
        {
            ViewDeck, EditDeck, ShareColumns, SearchArchive, ExportArchive, ViewLists, EditLists, DraftPosts, WorkInbox, ViewContacts, EditContacts,
        }.ToFrozenSet(StringComparer.Ordinal),
        [Roles.Viewer] = new[] { ViewDeck, SearchArchive, ExportArchive, ViewLists, ViewContacts }.ToFrozenSet(StringComparer.Ordinal),
        // The sandbox: the deck and drafting, on the demo network only (the deck and search add network:demo for trainees).
        [Roles.Trainee] = new[] { ViewDeck, EditDeck, DraftPosts }.ToFrozenSet(StringComparer.Ordinal),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every permission.</summary>
    public static IEnumerable<string> All() =>
    [
        ViewDeck, EditDeck, ShareColumns, ManageOfficeDeck, SearchArchive, ExportArchive, ViewLists, EditLists, DraftPosts, ApprovePosts,
        DeletePublished, WorkInbox, ManageInbox, ManageSources, ManageAccounts, ManageTeam, ViewAudit, ManageSettings, ViewContacts, EditContacts,
        ManageContactData, PushLists,
    ];

    public static bool Allows(string? role, string permission) =>
        role is not null && ByRole.TryGetValue(role, out var granted) && granted.Contains(permission);

    public static bool AllowsAny(IEnumerable<string> roles, string permission) => roles.Any(role => Allows(role, permission));

    /// <summary>True for a role whose deck and search are limited to the training sandbox (the demo network).</summary>
    public static bool IsSandboxOnly(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.ToList();
        return list.Contains(Roles.Trainee, StringComparer.Ordinal) && !list.Any(r => r != Roles.Trainee && Roles.IsRole(r));
    }
}
