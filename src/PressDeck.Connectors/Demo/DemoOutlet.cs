namespace PressDeck.Connectors.Demo;

internal sealed record DemoOutlet(string Name, string Handle, string Domain, string Section, string Language, string Strapline);
