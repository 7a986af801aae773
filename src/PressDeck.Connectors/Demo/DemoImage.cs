namespace PressDeck.Connectors.Demo;

/// <summary>An illustration served at <c>/demo-media/{Name}</c>. Alt texts describe the scene as a poster would.</summary>
internal sealed record DemoImage(string Name, string Title, string[] AltTexts, string Body);
