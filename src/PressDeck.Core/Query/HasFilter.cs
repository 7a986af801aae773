namespace PressDeck.Core.Query;

/// <summary>The values of <c>has:</c>.</summary>
public enum HasFilter
{
    /// <summary>At least one link (a link card is a link).</summary>
    Links,

    /// <summary>Any image, video or GIF.</summary>
    Media,

    /// <summary>An image.</summary>
    Images,

    /// <summary>A video or a GIF (<c>has:video</c>, alias <c>has:videos</c>).</summary>
    Video,
}
