namespace PressDeck.Data.Team;

/// <summary>
/// An invitation to join the office, sent by email as a link. Only a hash of the link's token is kept, so the database
/// cannot be used to accept someone else's invitation.
/// </summary>
public sealed class Invitation
{
    public int Id { get; set; }

    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = "";

    public int? DeskId { get; set; }

    /// <summary>SHA-256 of the token in the link, as lower-case hex.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public string InvitedByUserId { get; set; } = "";

    public string InvitedByName { get; set; } = "";

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>What happened when the email was last sent: null when it was handed to the mail server.</summary>
    public string? LastSendError { get; set; }
}
