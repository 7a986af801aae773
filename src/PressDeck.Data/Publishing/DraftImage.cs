namespace PressDeck.Data.Publishing;

/// <summary>
/// An image attached to a draft, kept as prepared on upload: upright, at most the largest size any network takes, with
/// no EXIF or GPS data. Each network's own size is made from it when the post is sent.
/// </summary>
public sealed class DraftImage
{
    public int Id { get; set; }

    public int DraftId { get; set; }

    public int Position { get; set; }

    public byte[] Content { get; set; } = [];

    public string MediaType { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>The description read out by screen readers; required before the post can be submitted.</summary>
    public string AltText { get; set; } = "";

    public string FileName { get; set; } = "";
}
