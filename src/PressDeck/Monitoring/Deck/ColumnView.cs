using PressDeck.Data.Decks;

namespace PressDeck.Monitoring.Deck;

/// <summary>A column as the deck shows it. <paramref name="SandboxOnly"/>: the owner is a trainee, so it shows only the demo network.</summary>
public sealed record ColumnView(int Id, string Name, string Query, string Kind, ColumnWidth Width, bool IsCollapsed, string? FormJson, bool SandboxOnly = false, bool SharedWithTeam = false);

/// <summary>A column a colleague shares with the team, offered in "Add column".</summary>
public sealed record SharedColumnView(int Id, string Name, string Query, string SharedBy);
