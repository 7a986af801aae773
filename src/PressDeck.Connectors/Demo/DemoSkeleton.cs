using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// The cheap part of post N: who posts, what kind, about what, and which earlier post it refers to. Posts that
/// reply to, quote or repost post N need only this, not N's text.
/// </summary>
internal readonly record struct DemoSkeleton(
    PostKind Kind,
    long Target,
    DemoAccount Author,
    int TopicIndex,
    int StoryIndex,
    double StoryProgress,
    bool IsQuestion,
    double OfficeAnswerDraw);
