namespace PressDeck.Connectors.Media;

/// <summary>Why an uploaded image was refused; <see cref="ImagePreparationResult.Problem"/> says it in words.</summary>
public enum ImageRefusalReason
{
    /// <summary>The upload is larger than <see cref="ImagePreparerOptions.MaxUploadBytes"/>.</summary>
    FileTooLarge,

    /// <summary>The header declares more than <see cref="ImagePreparerOptions.MaxDeclaredPixels"/> pixels (a decompression bomb, or a panorama too large to read).</summary>
    TooManyPixels,

    /// <summary>The data is not an image, is cut short or is damaged.</summary>
    NotAnImage,

    /// <summary>An image format PressDeck recognises but cannot read (HEIC/HEIF, AVIF, BMP…).</summary>
    UnsupportedFormat,

    /// <summary>Even shrunk to <see cref="ImageLimits.MinLongEdge"/> pixels it does not fit the network's byte limit.</summary>
    CannotFit,
}
