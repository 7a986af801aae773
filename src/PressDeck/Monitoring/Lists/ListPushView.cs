using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

/// <summary>A list's push to one network, as the lists page shows it.</summary>
public sealed record ListPushView(
    int Id,
    Network Network,
    string AccountHandle,
    bool IsPrivate,
    string? RemoteUrl,
    string EnabledByName,
    DateTime EnabledAt,
    DateTime? LastPushedAt,
    string? LastOutcome,
    bool LastPushFailed,
    bool IsDue);
