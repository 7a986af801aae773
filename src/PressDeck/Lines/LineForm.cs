namespace PressDeck.Lines;

/// <summary>A line to take as an officer writes it.</summary>
public sealed record LineForm
{
    public string Topic { get; init; } = "";

    public string Text { get; init; } = "";

    public bool IsHoldingStatement { get; init; }

    /// <summary>When it stops being offered (UTC).</summary>
    public DateTime ExpiresAt { get; init; }
}
