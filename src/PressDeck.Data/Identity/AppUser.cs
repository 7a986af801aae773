using Microsoft.AspNetCore.Identity;

namespace PressDeck.Data.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Preferred theme: <c>light</c>, <c>dark</c> or <c>system</c>.</summary>
    public string Theme { get; set; } = "system";
}
