namespace PressDeck.Publishing;

/// <summary>What a person typed into a form field: trimmed, required or not, and within its length, or refused in words.</summary>
public static class FormText
{
    public static string Required(string? value, string what, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new DraftException($"{what} is needed.");
        }

        return text.Length > max ? throw new DraftException($"{what} is too long: at most {max:N0} characters.") : text;
    }

    public static string Optional(string? value, string what, int max)
    {
        var text = value?.Trim() ?? "";
        return text.Length > max ? throw new DraftException($"{what} is too long: at most {max:N0} characters.") : text;
    }
}
