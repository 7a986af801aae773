using Microsoft.AspNetCore.Identity;

namespace PressDeck.Team;

/// <summary>
/// The five roles of a press office. Each person has exactly one; what a role may do is in <see cref="Permissions"/>.
/// </summary>
public static class Roles
{
    /// <summary>Digital communications lead: connects accounts, invites people, sets rules, reads the audit trail.</summary>
    public const string Admin = "admin";

    /// <summary>Senior press officer or head of news: approves what goes out.</summary>
    public const string Approver = "approver";

    /// <summary>Press officer: monitors, drafts, replies, handles enquiries.</summary>
    public const string Officer = "officer";

    /// <summary>Wider communications team: reads the deck and reports, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Trainee: works only in the training sandbox (the demo network); nothing they do reaches a real network.</summary>
    public const string Trainee = "trainee";

    /// <summary>Every role, most powerful first.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Approver, Officer, Viewer, Trainee];

    /// <summary>Creates the roles that do not exist yet (at the office's set-up, and before anyone joins with one).</summary>
    public static async Task EnsureCreatedAsync(RoleManager<IdentityRole> roleManager)
    {
        ArgumentNullException.ThrowIfNull(roleManager);
        foreach (var role in All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static bool IsRole(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The role's name as people in a press office say it.</summary>
    public static string Title(string role) => role switch
    {
        Admin => "Admin (digital comms lead)",
        Approver => "Approver (head of news)",
        Officer => "Press officer",
        Viewer => "Viewer (read only)",
        Trainee => "Trainee (sandbox only)",
        _ => role,
    };

    /// <summary>One sentence on what the role can do, shown where a role is chosen.</summary>
    public static string Description(string role) => role switch
    {
        Admin => "Everything: connects the office's accounts, invites people, sets roles and rules, reads the audit trail.",
        Approver => "Monitors and drafts like a press officer, and approves what goes out from the office's accounts.",
        Officer => "Monitors the networks, keeps lists, drafts and replies from the office's accounts.",
        Viewer => "Reads the deck, search and lists; changes nothing and posts nothing.",
        Trainee => "Practises in the training sandbox only: sees the demo network, and nothing reaches a real network.",
        _ => "",
    };
}
