namespace PressDeck.Publishing;

/// <summary>How a reply from a shared account is signed with the officer's initials, as press offices do ("… ^SL").</summary>
public static class ReplySignature
{
    public static string Append(string text, string initials)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(initials);
        return text.TrimEnd() + " ^" + initials.Trim();
    }
}
