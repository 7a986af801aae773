using Microsoft.AspNetCore.Identity;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

/// <summary>
/// The office's password rules beyond Identity's length (12): no password made of the person's own name or email
/// address, none of one repeated character or a keyboard or number run, and none of the passwords every guessing list
/// starts with. Length over complexity, as the NCSC advises; no forced mixes of symbols.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    private static readonly string[] Runs = ["0123456789", "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "password12345", "password123456", "passwordpassword", "iloveyou1234", "welcome12345", "letmein12345",
        "administrator", "changeme1234", "qwerty123456", "football1234", "baseball1234", "sunshine1234", "princess1234",
        "trustno11234", "monkey123456", "dragon123456", "abc123456789", "password2026", "password2025", "pressoffice1",
        "pressdeck123", "pressdeck1234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        if (password.Distinct().Count() <= 2)
        {
            return Refuse("RepeatedCharacters", "Use a password that is not one or two characters repeated.");
        }

        if (Runs.Any(run => run.Contains(lower, StringComparison.Ordinal) || lower.Contains(run[..Math.Min(run.Length, 8)], StringComparison.Ordinal)))
        {
            return Refuse("KeyboardRun", "Use a password that is not a run of keys or numbers (like 12345678 or qwertyui).");
        }

        if (Common.Contains(password))
        {
            return Refuse("Common", "That password is on every guessing list. A few unrelated words make a stronger one.");
        }

        var local = (user.Email ?? "").Split('@')[0].ToLowerInvariant();
        var name = new string(user.DisplayName.ToLowerInvariant().Where(char.IsLetter).ToArray());
        if ((local.Length >= 4 && lower.Contains(local, StringComparison.Ordinal)) || (name.Length >= 4 && new string(lower.Where(char.IsLetter).ToArray()) == name))
        {
            return Refuse("PersonalDetails", "Use a password that is not made of your name or email address.");
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Refuse(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordRules." + code, Description = description }));
}
