namespace PressDeck.Data.Publishing;

/// <summary>One account in an <see cref="AccountGroup"/>; a null <see cref="ConnectedAccountId"/> is the demo network's office account.</summary>
public sealed class AccountGroupMember
{
    public int Id { get; set; }

    public int GroupId { get; set; }

    public int? ConnectedAccountId { get; set; }
}
