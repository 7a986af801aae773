namespace PressDeck.Connectors.Demo;

internal sealed record DemoOrganisation(string Name, string Handle, string Domain, string Kind, string Language, string Description);
