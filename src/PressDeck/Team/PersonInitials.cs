namespace PressDeck.Team;

/// <summary>The initials a press officer signs replies with, made from their name ("Sam Lead" → "SL").</summary>
public static class PersonInitials
{
    public static string Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.EnumerateRunes().FirstOrDefault(System.Text.Rune.IsLetter))
            .Where(r => r.Value != 0)
            .Select(r => r.ToString().ToUpperInvariant())
            .Take(3);
        return string.Concat(letters);
    }
}
