using PressDeck.Core.Posts;

namespace PressDeck.Contacts;

/// <summary>
/// One entry of a contact's history, whatever it came from (<see cref="Source"/>): a post of theirs to the office found in
/// the archive, an interaction logged by hand, and (with the inbox) an enquiry.
/// </summary>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Source">What kind of record it is: <see cref="ContactHistorySources"/>.</param>
/// <param name="Kind">What happened, in words ("Reply", "Phone call").</param>
/// <param name="Summary">The post's text or the note that was logged.</param>
/// <param name="ByName">Who logged it, for entries logged by hand.</param>
/// <param name="Network">The network of a post.</param>
/// <param name="Handle">The contact's handle a post came from.</param>
/// <param name="Url">Where to open the post.</param>
public sealed record ContactHistoryItem(
    DateTime At,
    string Source,
    string Kind,
    string Summary,
    string? ByName = null,
    Network? Network = null,
    string? Handle = null,
    string? Url = null);
