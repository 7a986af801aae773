namespace PressDeck.Data.Rebuttals;

/// <summary>How far a post had spread when it was read: its reposts, quotes and replies as the network counted them.</summary>
public sealed class SpreadSample
{
    public long Id { get; set; }

    public int RebuttalId { get; set; }

    public Rebuttal? Rebuttal { get; set; }

    /// <summary>True for the office's response; false for the original post.</summary>
    public bool IsResponse { get; set; }

    public DateTime At { get; set; }

    public int Reposts { get; set; }

    public int Quotes { get; set; }

    public int Replies { get; set; }
}
