using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Reads the streaming API's events (protocols.md 2.8): WebSocket messages <c>{"stream":[…],"event":…,"payload":"…"}</c>
/// whose payload is a JSON string to parse again, and server-sent events (an event name and its data). Never throws on
/// bad input: it answers with a <see cref="MastodonRefusedEvent"/>. Thread-safe.
/// </summary>
public static class MastodonStreamEventReader
{
    /// <summary>A WebSocket message may be this large: a status of <see cref="MastodonStatusReader.MaxPayloadBytes"/> escaped once more as a JSON string.</summary>
    public const int MaxMessageBytes = 2 * MastodonStatusReader.MaxPayloadBytes;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Reads one WebSocket text message; <paramref name="ids"/> learns each status's remote id so later deletes can name it.</summary>
    public static MastodonStreamEvent ReadWebSocketMessage(ReadOnlySpan<byte> utf8, string? serverHost, MastodonStatusIds? ids)
    {
        if (utf8.Length > MaxMessageBytes)
        {
            return new MastodonRefusedEvent($"a message of {utf8.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {MaxMessageBytes.ToString("N0", CultureInfo.InvariantCulture)} allowed");
        }

        if (!Utf8.IsValid(utf8))
        {
            return new MastodonRefusedEvent("a message that is not valid UTF-8");
        }

        string eventName;
        string? payload;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new MastodonRefusedEvent("a message that is not a JSON object");
            }

            if (MastodonStatusReader.String(root, "event") is not { Length: > 0 } name)
            {
                return MastodonStatusReader.String(root, "error") is { } serverError
                    ? new MastodonRefusedEvent($"the server reported an error: {MastodonStatusReader.Shorten(serverError)}{StatusOf(root)}")
                    : new MastodonRefusedEvent("a message without an \"event\"");
            }

            eventName = name;
            payload = root.TryGetProperty("payload", out var payloadElement) ? payloadElement.ValueKind switch
            {
                JsonValueKind.String => payloadElement.GetString(),

                // Not the documented form, but unambiguous: a payload sent as an object rather than a string.
                JsonValueKind.Object => payloadElement.GetRawText(),
                JsonValueKind.Number => payloadElement.GetRawText(),
                _ => null,
            } : null;
        }
        catch (JsonException exception)
        {
            return new MastodonRefusedEvent($"malformed JSON ({MastodonStatusReader.FirstSentence(exception.Message)})");
        }
        catch (InvalidOperationException exception)
        {
            return new MastodonRefusedEvent($"unexpected content ({MastodonStatusReader.FirstSentence(exception.Message)})");
        }

        return ReadEvent(eventName, payload, serverHost, ids);
    }

    /// <summary>Reads one event by its name and its data (the SSE <c>data</c>, or the WebSocket payload after unwrapping).</summary>
    public static MastodonStreamEvent ReadEvent(string eventName, string? data, string? serverHost, MastodonStatusIds? ids)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        switch (eventName)
        {
            case "update" or "status.update":
                if (string.IsNullOrWhiteSpace(data))
                {
                    return new MastodonRefusedEvent($"an {eventName} event without a status");
                }

                if (!MastodonStatusReader.TryRead(System.Text.Encoding.UTF8.GetBytes(data), serverHost, out var status, out var error))
                {
                    return new MastodonRefusedEvent($"{eventName}: {error}");
                }

                ids?.Learn(status!.Id, status.Post.RemoteId);
                return new MastodonStatusEvent(status!, eventName == "status.update");
            case "delete":
                var id = data?.Trim().Trim('"');
                if (!MastodonId.IsValid(id))
                {
                    return new MastodonRefusedEvent($"a delete event without a status id ({MastodonStatusReader.Shorten(data ?? "nothing")})");
                }

                return new MastodonDeleteEvent(id!, ids?.Find(id!));
            case "notification":
                if (string.IsNullOrWhiteSpace(data))
                {
                    return new MastodonRefusedEvent("a notification event without a notification");
                }

                if (!MastodonStatusReader.TryReadNotification(System.Text.Encoding.UTF8.GetBytes(data), serverHost, out var notification, out var notificationError))
                {
                    return new MastodonRefusedEvent($"notification: {notificationError}");
                }

                if (notification!.Status is { } notified)
                {
                    ids?.Learn(notified.Id, notified.Post.RemoteId);
                }

                return new MastodonNotificationEvent(notification);
            default:
                return new MastodonOtherEvent(eventName.Length > 60 ? eventName[..60] : eventName);
        }
    }

    private static string StatusOf(JsonElement root) =>
        root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? $" (status {status.GetRawText()})" : "";
}
