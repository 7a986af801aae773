namespace PressDeck.Connectors.Demo;

/// <summary>A sudden story. <see cref="Questions"/> read after "can you confirm whether …".</summary>
internal sealed record DemoBreakingStory(
    string Hashtag,
    string Section,
    string Headline,
    string[] Updates,
    string[] Reactions,
    string[] Questions,
    string Image);
