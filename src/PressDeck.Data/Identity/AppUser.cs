using Microsoft.AspNetCore.Identity;

namespace PressDeck.Data.Identity;

/// <summary>A person in the press office. People are deactivated, never deleted, so their work and the audit trail keep their name.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Preferred theme: <c>light</c>, <c>dark</c> or <c>system</c>.</summary>
    public string Theme { get; set; } = "system";

    /// <summary>The initials a reply can carry when the account signs replies (e.g. "SL").</summary>
    public string Initials { get; set; } = "";

    /// <summary>False once an admin deactivates the person: they cannot sign in and their open pages are cut off.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime? DeactivatedAt { get; set; }

    /// <summary>The desk the person works on (business, consumer, energy …), if any.</summary>
    public int? DeskId { get; set; }

    /// <summary>For an approver: who approves in their place while they are away.</summary>
    public string? DeputyUserId { get; set; }

    /// <summary>For an approver: away until this time (UTC); their deputy is used until then.</summary>
    public DateTime? AwayUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}
