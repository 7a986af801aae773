using PressDeck.Core.Posts;

namespace PressDeck.Data.Contacts;

/// <summary>A contact's account on a network. A handle belongs to one contact at most: (Network, Handle) is unique.</summary>
public sealed class ContactHandle
{
    public const int HandleLength = 300;

    public int Id { get; set; }

    public int ContactId { get; set; }

    public Contact? Contact { get; set; }

    public Network Network { get; set; }

    /// <summary>Lower case, without a leading <c>@</c>, as the archive stores authors (QUERY-LANGUAGE.md section 1).</summary>
    public string Handle { get; set; } = "";
}
