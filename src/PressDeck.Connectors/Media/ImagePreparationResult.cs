using System.Diagnostics.CodeAnalysis;

namespace PressDeck.Connectors.Media;

/// <summary>What became of an upload: the prepared image, or why it was refused, in a sentence the person who uploaded it can act on.</summary>
public sealed record ImagePreparationResult
{
    private ImagePreparationResult(PreparedImage? image, ImageRefusalReason? refusal, string? problem)
    {
        Image = image;
        Refusal = refusal;
        Problem = problem;
    }

    public PreparedImage? Image { get; }

    public ImageRefusalReason? Refusal { get; }

    public string? Problem { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Refusal), nameof(Problem))]
    public bool IsPrepared => Image is not null || (Refusal is null || Problem is null ? throw new InvalidOperationException("A refusal always has a reason.") : false);

    public static ImagePreparationResult Prepared(PreparedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImagePreparationResult(image, null, null);
    }

    public static ImagePreparationResult Refused(ImageRefusalReason reason, string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new ImagePreparationResult(null, reason, problem);
    }
}
