using PressDeck.Data.Identity;
using PressDeck.Team;

namespace PressDeck.Tests.Team;

/// <summary>Issue 5: password rules beyond the length (which Identity checks: 12 characters).</summary>
[Trait("Issue", "5")]
public sealed class PasswordRulesTests
{
    private static readonly AppUser Priya = new() { Email = "priya.shah@press.example.gov.uk", DisplayName = "Priya Shah" };

    [Theory]
    [InlineData("aaaaaaaaaaaaaa", "PasswordRules.RepeatedCharacters")]
    [InlineData("abababababab", "PasswordRules.RepeatedCharacters")]
    [InlineData("123456789012", "PasswordRules.KeyboardRun")]
    [InlineData("myqwertyuiop!", "PasswordRules.KeyboardRun")]
    [InlineData("Password1234", "PasswordRules.Common")]
    [InlineData("pressdeck1234", "PasswordRules.Common")]
    [InlineData("priya.shah2026!", "PasswordRules.PersonalDetails")]
    [InlineData("Priya Shah", "PasswordRules.PersonalDetails")]
    [InlineData("kettle orbit lantern meadow", null)]
    [InlineData("correct horse battery staple", null)]
    [InlineData("Mañana-Überweisung-二〇二六", null)]
    public async Task Refuses_easily_guessed_passwords_in_words_and_accepts_long_unrelated_ones(string password, string? refusedAs)
    {
        var result = await new PasswordRules().ValidateAsync(null!, Priya, password);

        if (refusedAs is null)
        {
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        else
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(refusedAs, error.Code);
            Assert.EndsWith(".", error.Description, StringComparison.Ordinal);
        }
    }
}
