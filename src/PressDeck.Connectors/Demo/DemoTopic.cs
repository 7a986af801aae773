namespace PressDeck.Connectors.Demo;

/// <summary>A subject the simulated world talks about. Hashtags are without <c>#</c>; the first is the main one.</summary>
public sealed record DemoTopic(string Name, IReadOnlyList<string> Hashtags);
